// Ingest benchmark: N messages (default 10,000) from the mail corpus, each with its own
// Message-ID, posted to POST /api/mailboxes/:id/messages on the built API over its own fresh
// database, 8 at a time. Reports messages per second, latency and the API's peak memory.
//   npm run bench:mail            (DATABASE_URL: the server to create the database on)
//   BENCH_MESSAGES=2000 npm run bench:mail
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

const API_MAIN = resolve(__dirname, '../src/main.js');
const CORPUS = resolve(__dirname, '../../../../../apps/api/test/fixtures/mail');
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'madoguchi_mail_bench';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

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

async function admin(url: string, sql: string, params: unknown[] = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** The API's peak resident memory (VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** The corpus message with its own Message-ID (and no threading, so each opens or joins anew). */
function messageFor(raws: Buffer[], i: number): Buffer {
  const raw = raws[i % raws.length]!.toString('latin1');
  const id = `<bench-${i}@bench.example.jp>`;
  const headerEnd = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, headerEnd).replace(/^Message-ID:.*\r\n/im, '');
  return Buffer.from(`Message-ID: ${id}\r\n${head}${raw.slice(headerEnd)}`, 'latin1');
}

async function main(): Promise<void> {
  const url = new URL(SERVER_URL);
  await admin(SERVER_URL, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(SERVER_URL, `CREATE DATABASE ${DATABASE}`);
  url.pathname = `/${DATABASE}`;
  const databaseUrl = url.toString();

  const port = await freePort();
  const api: ChildProcess = spawn(process.execPath, [API_MAIN], {
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
      NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS ?? '--max-old-space-size=256',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let up = false; !up;) {
      if (api.exitCode !== null) {
        throw new Error(`the API exited with ${api.exitCode}`);
      }
      up = await fetch(`${base}/api/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      await sleep(250);
    }
    const [user] = (
      await admin(
        databaseUrl,
        `INSERT INTO app_user (email, display_name, role, must_change_password)
         VALUES ('mta@example.jp', 'MTA', 'admin', false) RETURNING id`,
      )
    ).rows as { id: string }[];
    const prefix = randomBytes(4).toString('hex');
    const token = `mdg_${prefix}_${randomBytes(32).toString('base64url')}`;
    await admin(
      databaseUrl,
      `INSERT INTO api_token (token_hash, token_prefix, name, user_id, role, created_by)
       VALUES ($1, $2, 'mail bench', $3, 'admin', $3)`,
      [createHash('sha256').update(token).digest(), prefix, user!.id],
    );
    const auth = { authorization: `Bearer ${token}` };
    const mailbox = (await (
      await fetch(`${base}/api/mailboxes`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ deskId: 'national', address: 'soudan@bench.example.jp' }),
      })
    ).json()) as { id: string };

    const raws = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => readFileSync(join(CORPUS, f)));
    const latencies: number[] = [];
    const actions = new Map<string, number>();
    let next = 0;
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        for (let i = next++; i < MESSAGES; i = next++) {
          const t0 = performance.now();
          const res = await fetch(`${base}/api/mailboxes/${mailbox.id}/messages`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'message/rfc822' },
            body: messageFor(raws, i),
          });
          latencies.push(performance.now() - t0);
          const body = (await res.json()) as { action?: string };
          if (res.status !== 201) {
            failures += 1;
            if (failures <= 5) {
              log(`  ! HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
            }
          }
          actions.set(body.action ?? 'error', (actions.get(body.action ?? 'error') ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
    const result = {
      messages: MESSAGES,
      connections: CONNECTIONS,
      seconds: Number(seconds.toFixed(1)),
      messagesPerSecond: Number((MESSAGES / seconds).toFixed(1)),
      p50Ms: Number(pct(0.5).toFixed(1)),
      p95Ms: Number(pct(0.95).toFixed(1)),
      apiPeakRssMiB: Number(peakRssMiB(api.pid!).toFixed(0)),
      actions: Object.fromEntries(actions),
      failures,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    api.kill('SIGTERM');
    await new Promise((done) => api.once('exit', done));
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
