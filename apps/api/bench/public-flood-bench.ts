// Issue #19: the public inquiry endpoint under a flood of bad submissions while staff keep working.
// On the built API over its own fresh database: the case list's p95 (4 connections) quiet, then
// again while autocannon posts bot-like submissions (honeypot filled, no proof of work) at
// BENCH_FLOOD_RATE requests/s (default 2,000) for BENCH_FLOOD_SECONDS (30). Target: staff p95
// within 2× of quiet, and not one case created by the flood.
//   npm run bench:public-flood      (DATABASE_URL: the server to create the database on)
import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { measure } from './measure';

const API_MAIN = resolve(__dirname, '../src/main.js');
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'madoguchi_flood_bench';
const RATE = Number(process.env.BENCH_FLOOD_RATE ?? 2000);
const FLOOD_SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 30);
const LIST_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

const log = (line: string) => process.stdout.write(`${line}\n`);

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

async function sql(url: string, text: string, params: unknown[] = []): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const url = new URL(SERVER_URL);
  await sql(SERVER_URL, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await sql(SERVER_URL, `CREATE DATABASE ${DATABASE}`);
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
      LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    while (
      !(await fetch(`${base}/api/health/ready`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (api.exitCode !== null) {
        throw new Error(`the API exited with ${api.exitCode}`);
      }
      await sleep(250);
    }
    // An operator with an API token, and a few hundred cases for the list to page through.
    const [user] = (await sql(
      databaseUrl,
      `INSERT INTO app_user (email, display_name, role, desk_id, must_change_password)
       VALUES ('flood-operator@example.jp', 'オペレーター', 'operator', 'national', false) RETURNING id`,
    )) as { id: string }[];
    const prefix = randomBytes(4).toString('hex');
    const token = `mdg_${prefix}_${randomBytes(32).toString('base64url')}`;
    await sql(
      databaseUrl,
      `INSERT INTO api_token (token_hash, token_prefix, name, user_id, role, desk_id, created_by)
       VALUES ($1, $2, 'flood bench', $3, 'operator', 'national', $3)`,
      [createHash('sha256').update(token).digest(), prefix, user!.id],
    );
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    for (let i = 0; i < 300; i += 1) {
      const res = await fetch(`${base}/api/cases`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          channel: 'phone',
          organization: { name: `洪水試験商事${i}`, prefectureCode: '13' },
          topics: ['ICT.SEC'],
          subject: `相談 ${i}`,
        }),
      });
      if (res.status !== 201) {
        throw new Error(`intake: HTTP ${res.status} ${await res.text()}`);
      }
    }
    const list = {
      url: base,
      headers: { authorization: `Bearer ${token}` },
      connections: 4,
      seconds: LIST_SECONDS,
      requests: [{ method: 'GET' as const, path: '/api/cases?limit=50' }],
    };
    await measure({ ...list, seconds: 3 });
    const quiet = await measure(list);

    // What a bot posts: the honeypot filled, no proof of work, at once.
    const spam = JSON.stringify({
      orgName: 'Cheap pills',
      contactName: 'bot',
      email: 'bot@spam.example',
      topic: 'ict',
      message: 'buy now '.repeat(20),
      consent: true,
      website: 'http://spam.example',
    });
    const statuses = new Map<number, number>();
    const flood = new Promise<autocannon.Result>((done, fail) => {
      const instance = autocannon(
        {
          url: `${base}/api/public/inquiries`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: spam,
          connections: 64,
          overallRate: RATE,
          duration: FLOOD_SECONDS,
          timeout: 30,
        },
        (error: unknown, result) =>
          error
            ? fail(error instanceof Error ? error : new Error('autocannon failed'))
            : done(result),
      );
      instance.on('response', (_client, status) =>
        statuses.set(status, (statuses.get(status) ?? 0) + 1),
      );
    });
    await sleep(2000);
    const loaded = await measure(list);
    const floodResult = await flood;
    const [{ web }] = (await sql(
      databaseUrl,
      `SELECT count(*)::int AS web FROM "case" WHERE channel = 'web'`,
    )) as [{ web: number }];

    const ratio = loaded.p95 / quiet.p95;
    const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
    log('');
    log(
      `Flood: ${sent} bad submissions in ${FLOOD_SECONDS} s (${(sent / FLOOD_SECONDS).toFixed(0)}/s ` +
        `of ${RATE}/s asked), answers ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}, ` +
        `${floodResult.errors} connection errors`,
    );
    log('| measurement | target | result | baseline | pass/fail |');
    log('|---|---|---|---|---|');
    log(
      `| case list p95 during the flood (4 connections) | ≤ 2× quiet | ${loaded.p95.toFixed(1)} ms ` +
        `(×${ratio.toFixed(2)}, ${loaded.failures} failures) | quiet ${quiet.p95.toFixed(1)} ms | ` +
        `${ratio <= 2 && loaded.failures === 0 ? 'pass' : 'fail'} |`,
    );
    log(`| cases created by the flood | 0 | ${web} | — | ${web === 0 ? 'pass' : 'fail'} |`);
  } finally {
    api.kill('SIGTERM');
    await new Promise((done) => api.once('exit', done));
    await sql(SERVER_URL, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`).catch(
      () => undefined,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
