// Console performance benchmark: the initial JavaScript a browser downloads (gzip) and how
// long the intake screen takes to become usable on localhost, measured in Debian's Chromium.
// Run with `npm run bench:console` (it builds first). Figures go in docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../../..');
const DIST = join(ROOT, 'dist/console');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TARGET_INITIAL_KB = 300;
const TARGET_INTERACTIVE_MS = 1500;

function initialAssets() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const js = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1]);
  const css = [...html.matchAll(/<link rel="stylesheet"[^>]+href="([^"]+\.css)"/g)].map(
    (m) => m[1],
  );
  const size = (files) =>
    files.reduce(
      (sum, f) => {
        const body = readFileSync(join(DIST, f));
        return { raw: sum.raw + body.length, gzip: sum.gzip + gzipSync(body, { level: 9 }).length };
      },
      { raw: 0, gzip: 0 },
    );
  return { js: size([...new Set(js)]), css: size([...new Set(css)]), files: [...new Set(js)] };
}

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

async function startServer() {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    APP_SECRET: 'console-benchmark-secret-console-benchmark-secret',
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    CONSOLE_DIR: DIST,
  };
  let drop = async () => {};
  if (process.env.DATABASE_URL) {
    const admin = process.env.DATABASE_URL;
    const name = `madoguchi_console_bench_${Date.now()}`;
    const run = async (sql) => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(sql);
      await c.end();
    };
    await run(`CREATE DATABASE "${name}"`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    drop = () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } else {
    env.DATA_DIR = await mkdtemp(join(tmpdir(), 'madoguchi-console-bench-'));
    await chmod(env.DATA_DIR, 0o755);
  }
  const child = spawn(process.execPath, [join(ROOT, 'dist/api/apps/api/src/main.js')], {
    env,
    cwd: ROOT,
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 360; i += 1) {
    if (child.exitCode !== null) {
      throw new Error(`server exited:\n${output}`);
    }
    if (
      await fetch(`${base}/api/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      return {
        base,
        stop: async () => {
          const exited = new Promise((ok) => child.once('exit', ok));
          child.kill('SIGTERM');
          await exited;
          await drop();
        },
      };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server not ready:\n${output}`);
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function main() {
  const assets = initialAssets();
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    const context = await browser.newContext({
      baseURL: server.base,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    const login = await context.request.post('/api/auth/login', {
      data: { email: 'operator@example.jp', password: 'madoguchi-demo-2026' },
    });
    if (!login.ok()) {
      throw new Error(`sign-in failed: ${login.status()}`);
    }
    const timings = [];
    let cold = 0;
    for (let i = 0; i < RUNS + 1; i += 1) {
      // The first run has an empty HTTP cache; the others are what staff see all day.
      const page = await context.newPage();
      const started = Date.now();
      await page.goto('/intake');
      // "Interactive": the organization search has the focus and accepts typing.
      await page.waitForFunction(() => {
        const el = document.activeElement;
        return el instanceof HTMLInputElement && !el.disabled && (el.placeholder ?? '').length > 0;
      });
      const elapsed = Date.now() - started;
      if (i === 0) {
        cold = elapsed;
      } else {
        timings.push(elapsed);
      }
      await page.close();
    }
    const rows = [
      [
        'initial JS (gzip)',
        `≤ ${TARGET_INITIAL_KB} KB`,
        `${(assets.js.gzip / 1024).toFixed(1)} KB`,
        `${(assets.js.raw / 1024).toFixed(1)} KB raw`,
      ],
      [
        'initial CSS (gzip)',
        '—',
        `${(assets.css.gzip / 1024).toFixed(1)} KB`,
        `${(assets.css.raw / 1024).toFixed(1)} KB raw`,
      ],
      ['intake interactive, cold cache', `≤ ${TARGET_INTERACTIVE_MS} ms`, `${cold} ms`, '1 run'],
      [
        'intake interactive, median',
        `≤ ${TARGET_INTERACTIVE_MS} ms`,
        `${percentile(timings, 50)} ms`,
        `${RUNS} runs`,
      ],
      [
        'intake interactive, p95',
        `≤ ${TARGET_INTERACTIVE_MS} ms`,
        `${percentile(timings, 95)} ms`,
        `${RUNS} runs`,
      ],
    ];
    console.log('\nConsole benchmark (Chromium headless, localhost, signed in as an operator)\n');
    console.log('| measure | target | measured | note |\n|---|---|---|---|');
    for (const r of rows) {
      console.log(`| ${r.join(' | ')} |`);
    }
    console.log(`\nInitial files: ${assets.files.join(', ')}`);
    const pass =
      assets.js.gzip / 1024 <= TARGET_INITIAL_KB &&
      percentile(timings, 95) <= TARGET_INTERACTIVE_MS &&
      cold <= TARGET_INTERACTIVE_MS;
    console.log(pass ? 'All targets met.' : 'Some targets missed.');
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
