// Corporate-number registry benchmark: BENCH_REGISTRY_ROWS rows (default 5,000,000, about the
// nationwide file) in the NTA's published layout, streamed into a temporary zip, imported with
// the real CLI (`registry import`) into a fresh database, then BENCH_LOOKUPS lookups (default
// 2,000) of random numbers through GET /api/corporate-registry/:number on the built API.
// Reports the import's time and peak memory and the lookup latency (p50/p95 against the 5 ms
// target, after BENCH_WARMUP uncounted lookups); the machine's load is noted.
//   npm run bench:registry        (DATABASE_URL: the server to create the database on)
//   BENCH_REGISTRY_ROWS=200000 BENCH_REGISTRY_ENCODING=utf8 npm run bench:registry
//   BENCH_IMPORT_NODE_OPTIONS=--max-old-space-size=128 npm run bench:registry   (a heap limit on the import)
//   BENCH_REUSE=1 npm run bench:registry   (keeps the database; a later run with the same row
//                                           count skips generating and importing: lookups only)
import { hash } from '@node-rs/argon2';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { percentile } from './measure';
import { registryCsvLine, registryNumber, registryRecord, writeRegistryZip } from './registry-rows';

const API_MAIN = resolve(__dirname, '../src/main.js');
const CLI = resolve(__dirname, '../src/cli.js');
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'madoguchi_registry_bench';
const ROWS = Number(process.env.BENCH_REGISTRY_ROWS ?? 5_000_000);
const ENCODING = process.env.BENCH_REGISTRY_ENCODING === 'utf8' ? 'utf8' : 'sjis';
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 2000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);
const REUSE = ['1', 'true', 'yes'].includes((process.env.BENCH_REUSE ?? '').toLowerCase());
/** Issue #20: a lookup answers in under 5 ms over HTTP. */
const TARGET_MS = 5;
const PASSWORD = 'registry-bench-password-2026';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A child's resident memory high-water mark (VmHWM) in MiB, or 0 once it has gone. */
async function peakRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

function* lines(): Generator<string> {
  for (let i = 0; i < ROWS; i += 1) {
    yield registryCsvLine(registryRecord(i));
  }
}

/** Runs the CLI import, sampling its peak memory until it exits. */
async function runImport(
  file: string,
  databaseUrl: string,
): Promise<{ seconds: number; peakRssMiB: number; output: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'registry', 'import', file], {
    env: {
      PATH: process.env.PATH ?? '',
      // e.g. --max-old-space-size=128, to show the import's memory does not grow with the file.
      NODE_OPTIONS: process.env.BENCH_IMPORT_NODE_OPTIONS ?? '',
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      APP_SECRET: randomBytes(36).toString('base64url'),
    },
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(chunk);
  });
  let peak = 0;
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  let code: number | null | undefined;
  void exited.then((c) => (code = c));
  while (code === undefined) {
    peak = Math.max(peak, await peakRssMiB(child.pid!));
    await Promise.race([sleep(200), exited]);
  }
  if (code !== 0) {
    throw new Error(`registry import exited with ${code}:\n${output}`);
  }
  return { seconds: (performance.now() - started) / 1000, peakRssMiB: peak, output };
}

const importSeconds = (output: string): number =>
  Number(/, in ([\d.]+) s\./.exec(output)?.[1] ?? NaN);

async function startApi(databaseUrl: string): Promise<{ api: ChildProcess; base: string }> {
  const port = await freePort();
  const api = spawn(process.execPath, [API_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      APP_SECRET: randomBytes(36).toString('base64url'),
      DATABASE_URL: databaseUrl,
      DEMO_DATA: 'false',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i += 1) {
    if (
      await fetch(`${base}/api/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      return { api, base };
    }
    await sleep(250);
  }
  api.kill('SIGKILL');
  throw new Error('the API did not become ready');
}

/** The registry rows of a database left by an earlier BENCH_REUSE run; null if there is none. */
async function rowsLeft(databaseUrl: string): Promise<number | null> {
  const exists = await withClient(SERVER_URL, (c) =>
    c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]),
  );
  if (exists.rowCount === 0) {
    return null;
  }
  return withClient(databaseUrl, (c) =>
    c.query<{ n: string }>('SELECT count(*)::text AS n FROM corporate_registry').then(
      (r) => Number(r.rows[0]?.n),
      () => null,
    ),
  );
}

async function main(): Promise<void> {
  const load = loadavg().map((l) => Number(l.toFixed(2)));
  const url = new URL(SERVER_URL);
  url.pathname = `/${DATABASE}`;
  const databaseUrl = url.toString();
  const reused = REUSE && (await rowsLeft(databaseUrl)) === ROWS;
  if (reused) {
    log(`Reusing ${DATABASE}: ${ROWS} rows already imported; measuring the lookups only`);
  } else {
    await withClient(SERVER_URL, (c) =>
      c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`),
    );
    await withClient(SERVER_URL, (c) => c.query(`CREATE DATABASE ${DATABASE}`));
  }
  const dir = await mkdtemp(join(tmpdir(), 'registry-bench-'));
  try {
    let started = performance.now();
    let generateSeconds: number | null = null;
    let zipMiB: number | null = null;
    let imported: Awaited<ReturnType<typeof runImport>> | null = null;
    if (!reused) {
      const file = join(dir, `00_zenkoku_all_${ENCODING}.zip`);
      log(`Writing ${ROWS} rows (${ENCODING}) to ${file} …`);
      await writeRegistryZip(file, '00_zenkoku_all.csv', lines(), ENCODING);
      generateSeconds = (performance.now() - started) / 1000;
      zipMiB = (await stat(file)).size / 1024 / 1024;
      log('Importing with `registry import` …');
      imported = await runImport(file, databaseUrl);
    }

    // A staff account for the lookups (the API's own hashing, as the seed does); a reused
    // database has it already.
    await withClient(databaseUrl, async (c) =>
      c.query(
        `INSERT INTO app_user (email, display_name, role, desk_id, password_hash, must_change_password)
         VALUES ('bench@example.jp', 'bench', 'operator', 'national', $1, false)
         ON CONFLICT DO NOTHING`,
        [await hash(PASSWORD)],
      ),
    );
    const { api, base } = await startApi(databaseUrl);
    try {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'bench@example.jp', password: PASSWORD }),
      });
      if (!login.ok) {
        throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
      }
      const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
      // Uncounted first lookups: the API's first requests compile their code path and fill
      // the pool; the target is about the lookups a desk makes all day. Measured: after 200 a
      // fresh process still answered at p95 4.3 ms, after 3,000 (V8 has optimized the request
      // path by then) at 1.7–2.0 ms, the same as after 15,000.
      // Their times are kept too: the first LOOKUPS of them are what a process just started
      // answers, reported beside the warm figure.
      const fresh: number[] = [];
      for (let k = 0; k < WARMUP; k += 1) {
        const n = registryNumber(Math.floor(Math.random() * ROWS));
        const t0 = performance.now();
        await (
          await fetch(`${base}/api/corporate-registry/${n}`, { headers: { cookie } })
        ).arrayBuffer();
        if (k < LOOKUPS) {
          fresh.push(performance.now() - t0);
        }
      }
      fresh.sort((a, b) => a - b);
      const http: number[] = [];
      let misses = 0;
      started = performance.now();
      for (let k = 0; k < LOOKUPS; k += 1) {
        const n = registryNumber(Math.floor(Math.random() * ROWS));
        const t0 = performance.now();
        const res = await fetch(`${base}/api/corporate-registry/${n}`, { headers: { cookie } });
        await res.arrayBuffer();
        http.push(performance.now() - t0);
        if (res.status !== 200) {
          misses += 1;
        }
      }
      http.sort((a, b) => a - b);
      // The statement alone, as the repository sends it, for the database's share.
      const sql: number[] = [];
      await withClient(databaseUrl, async (c) => {
        for (let k = 0; k < LOOKUPS; k += 1) {
          const n = registryNumber(Math.floor(Math.random() * ROWS));
          const t0 = performance.now();
          await c.query('SELECT * FROM corporate_registry WHERE corporate_number = $1', [n]);
          sql.push(performance.now() - t0);
        }
      });
      sql.sort((a, b) => a - b);
      const [table] = (
        await withClient(databaseUrl, (c) =>
          c.query<{ rows: string; size: string }>(
            `SELECT count(*)::text AS rows, pg_size_pretty(pg_total_relation_size('corporate_registry')) AS size FROM corporate_registry`,
          ),
        )
      ).rows;
      const ms = (v: number) => Number(v.toFixed(2));
      const result = {
        rows: ROWS,
        reused,
        encoding: ENCODING,
        zipMiB: zipMiB === null ? null : Number(zipMiB.toFixed(1)),
        generateSeconds: generateSeconds === null ? null : Number(generateSeconds.toFixed(1)),
        // The CLI's whole run (boot, migrations) and the import's own time, as it prints it.
        cliSeconds: imported ? Number(imported.seconds.toFixed(1)) : null,
        importSeconds: imported ? importSeconds(imported.output) : null,
        rowsPerSecond: imported ? Math.round(ROWS / importSeconds(imported.output)) : null,
        importPeakRssMiB: imported ? Math.round(imported.peakRssMiB) : null,
        tableRows: Number(table?.rows),
        tableSize: table?.size,
        lookups: LOOKUPS,
        warmupLookups: WARMUP,
        lookupMisses: misses,
        httpLookupP50Ms: ms(percentile(http, 0.5)),
        httpLookupP95Ms: ms(percentile(http, 0.95)),
        freshProcessP50Ms: fresh.length ? ms(percentile(fresh, 0.5)) : null,
        freshProcessP95Ms: fresh.length ? ms(percentile(fresh, 0.95)) : null,
        sqlLookupP50Ms: ms(percentile(sql, 0.5)),
        sqlLookupP95Ms: ms(percentile(sql, 0.95)),
        loadAverageAtStart: load,
        loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
        cpus: cpus().length,
      };
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      const verdict = (v: number) => (v < TARGET_MS ? 'pass' : 'FAIL');
      log(
        `HTTP lookup over ${ROWS} rows: p50 ${result.httpLookupP50Ms} ms (${verdict(result.httpLookupP50Ms)}), ` +
          `p95 ${result.httpLookupP95Ms} ms (${verdict(result.httpLookupP95Ms)}) against the < ${TARGET_MS} ms target; ` +
          `SQL alone p50 ${result.sqlLookupP50Ms} ms, p95 ${result.sqlLookupP95Ms} ms; ` +
          `the first ${fresh.length} after the start (uncounted): p50 ${result.freshProcessP50Ms} ms, p95 ${result.freshProcessP95Ms} ms; ${misses} misses; ` +
          `load ${result.loadAverageAtStart.join(' ')} → ${result.loadAverageAtEnd.join(' ')}`,
      );
    } finally {
      api.kill('SIGTERM');
      await new Promise((done) => api.once('exit', done));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    if (!REUSE) {
      await withClient(SERVER_URL, (c) =>
        c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`),
      );
    }
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
