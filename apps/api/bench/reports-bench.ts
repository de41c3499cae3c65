import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { prepareDatabase } from './load-dataset';
import { type Measurement, measure, percentile } from './measure';

/**
 * The reports benchmark: on the cases benchmark's dataset (1M cases, 300k organizations) plus
 * expert sessions and referrals, measures the p95 of every report over a fiscal year, cold (the
 * first request on a freshly started API process) and warm, and the API's peak memory while it
 * streams every case as xlsx and as CSV.
 * Run with `npm run bench:reports`; see docs/benchmarks.md ("Reports") for the last results.
 */

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function numberEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, not "${raw}"`);
  }
  return value;
}

const config = {
  scale: numberEnv('BENCH_SCALE', 1),
  reuse: ['1', 'true', 'yes'].includes((process.env.BENCH_REUSE ?? '').toLowerCase()),
  serverUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  // Its own copy by default: the cases benchmark measures intake, which extra rows and the
  // reports' indexes would change. BENCH_DATABASE=madoguchi_bench reuses that one instead.
  database: process.env.BENCH_DATABASE || 'madoguchi_bench_reports',
  seconds: numberEnv('BENCH_SECONDS', 15),
  fiscalYear: numberEnv('BENCH_FISCAL_YEAR', 2025),
  skipExport: ['1', 'true', 'yes'].includes((process.env.BENCH_SKIP_EXPORT ?? '').toLowerCase()),
  skipLatency: ['1', 'true', 'yes'].includes((process.env.BENCH_SKIP_LATENCY ?? '').toLowerCase()),
  skipIsolation: ['1', 'true', 'yes'].includes(
    (process.env.BENCH_SKIP_ISOLATION ?? '').toLowerCase(),
  ),
  // Fresh API processes per report for the cold figure (each answers that report once).
  coldRounds: numberEnv('BENCH_COLD_ROUNDS', 5),
  // Node flags for the API processes, e.g. the container image's heap limit
  // (BENCH_API_NODE_OPTIONS=--max-old-space-size=256). Empty: Node's defaults.
  apiNodeOptions: process.env.BENCH_API_NODE_OPTIONS ?? '',
  // The export limits of the isolation phase when not the defaults, to compare settings
  // (BENCH_ISOLATION_CONCURRENCY=3 BENCH_ISOLATION_PER_USER=2: the limits before stop 29).
  isolationEnv: {
    ...(process.env.BENCH_ISOLATION_CONCURRENCY
      ? { EXPORT_CONCURRENCY: process.env.BENCH_ISOLATION_CONCURRENCY }
      : {}),
    ...(process.env.BENCH_ISOLATION_PER_USER
      ? { EXPORT_PER_USER: process.env.BENCH_ISOLATION_PER_USER }
      : {}),
  },
};

// Compiled to dist/api/apps/api/bench/: the API's entry point is next door.
const API_MAIN = resolve(__dirname, '../src/main.js');
const RESULTS_DIR = resolve(__dirname, '../../../../bench');
const RSS_TARGET_MB = 300;
// Issue #7: every report over a full fiscal year, p95.
const COLD_TARGET_MS = 500;
const WARM_TARGET_MS = 100;

// ---------------------------------------------------------------------------------------------
// The API as a child process, always stopped on the way out.
// ---------------------------------------------------------------------------------------------

const children = new Set<ChildProcess>();

function startApi(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [API_MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      process.stderr.write(`[api] ${line.slice(0, 400)}\n`);
    }
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return;
  }
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

process.on('exit', () => {
  for (const child of children) {
    child.kill('SIGKILL');
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping the API`);
    void Promise.all([...children].map(stop)).finally(() => process.exit(130));
  });
}

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

async function waitUntilUp(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the API exited with code ${child.exitCode} before answering`);
    }
    try {
      if ((await fetch(url)).ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`the API did not answer ${url} within 180 s`);
}

/** Peak resident memory (VmHWM) and current resident memory of a process, in MB (Linux). */
function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, options: '-c timezone=UTC' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// What the reports read beyond the cases benchmark's dataset
// ---------------------------------------------------------------------------------------------

/**
 * Experts, sessions on ~8% of cases (one to three each, two weeks apart, statuses as the desks
 * see them), referrals on ~5%, and first-response clocks on the email, web and chamber cases.
 * Deterministic per case (hash of its id); added once, then kept with the database.
 */
async function addReportData(url: string): Promise<void> {
  await withClient(url, async (c) => {
    const [{ n }] = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM expert_session`))
      .rows as [{ n: number }];
    if (n > 0) {
      log(`Report data present (${n.toLocaleString('en-US')} sessions)`);
      return;
    }
    const started = Date.now();
    await c.query(`SET maintenance_work_mem = '512MB'`);
    // Like the loader: bulk rows without per-statement roll-up triggers; the roll-ups are
    // rebuilt once at the end (the loader's COPY skipped them too).
    await c.query(`SET session_replication_role = replica`);
    await c.query(`
      INSERT INTO app_user (email, display_name, role, must_change_password)
      SELECT 'bench-expert-' || g || '@example.jp', 'テレワークマネージャー ' || g, 'expert', false
        FROM generate_series(1, 200) g
      ON CONFLICT (email) DO NOTHING`);
    await c.query(`
      INSERT INTO expert_profile (user_id, qualifications, specialties)
      SELECT u.id, '{it_coordinator}', '{ICT.SEC}' FROM app_user u
       WHERE u.email LIKE 'bench-expert-%' AND NOT EXISTS (SELECT 1 FROM expert_profile p WHERE p.user_id = u.id)`);
    // An expert can't be in two places at once: overlapping bookings are skipped.
    await c.query(`
      WITH experts AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM expert_profile),
      picked AS (
        SELECT c.id, c.organization_id, c.received_at, (hashtext(c.id::text)::bigint & 2147483647) AS h
          FROM "case" c WHERE (hashtext(c.id::text)::bigint & 2147483647) % 100 < 8
      ), planned AS (
        SELECT p.*, k,
               date_trunc('day', (p.received_at AT TIME ZONE 'Asia/Tokyo') + (7 + 14 * k) * interval '1 day')
                 + ((9 + p.h % 7) * interval '1 hour') AS local_start
          FROM picked p, generate_series(0, 2) k WHERE k <= p.h % 3
      )
      INSERT INTO expert_session (case_id, organization_id, expert_id, kind, status, scheduled, mode,
        findings, minutes_spent, honorarium_yen, cancel_reason)
      SELECT pl.id, pl.organization_id, e.id,
             (ARRAY['assessment', 'preparation', 'follow_up'])[pl.k + 1],
             s.status,
             tstzrange(pl.local_start AT TIME ZONE 'Asia/Tokyo', (pl.local_start + interval '2 hours') AT TIME ZONE 'Asia/Tokyo'),
             CASE WHEN pl.h % 2 = 0 THEN 'online' ELSE 'onsite' END,
             CASE WHEN s.status = 'completed' THEN '現状を確認し、導入手順を説明した。' END,
             CASE WHEN s.status = 'completed' THEN 120 END,
             CASE WHEN s.status = 'completed' THEN 20000 + (pl.h % 3) * 10000 END,
             CASE WHEN s.status = 'cancelled' THEN '先方の都合' END
        FROM planned pl
        JOIN experts e ON e.i = (pl.h / 7 + pl.k) % 200
        CROSS JOIN LATERAL (SELECT CASE
             WHEN (pl.local_start AT TIME ZONE 'Asia/Tokyo') > now() THEN 'scheduled'
             WHEN pl.h % 20 = 0 THEN 'cancelled'
             WHEN pl.h % 20 = 1 THEN 'no_show'
             ELSE 'completed' END AS status) s
      ON CONFLICT DO NOTHING`);
    await c.query(`
      INSERT INTO case_referral (case_id, program_id)
      SELECT c.id, (SELECT p.id FROM referral_program p ORDER BY p.code, p.fiscal_year
                     OFFSET (hashtext(c.id::text)::bigint & 2147483647) % (SELECT count(*) FROM referral_program) LIMIT 1)
        FROM "case" c WHERE ((hashtext(c.id::text)::bigint & 2147483647) / 100) % 100 < 5
      ON CONFLICT DO NOTHING`);
    // The loader leaves most email/web cases without a first-response clock; give them one
    // (received + one day stands in for 8 business hours: the report's cost is the same).
    await c.query(`
      UPDATE "case" SET first_response_due_at = received_at + interval '1 day'
       WHERE first_response_due_at IS NULL AND channel IN ('email', 'web', 'chamber_referral')`);
    await c.query(`SET session_replication_role = DEFAULT`);
    const rebuilt = Date.now();
    await c.query(`SET work_mem = '256MB'`);
    await c.query(`SELECT report_rollup_rebuild()`);
    log(`Report roll-ups rebuilt in ${((Date.now() - rebuilt) / 1000).toFixed(1)} s`);
    for (const table of ['expert_session', 'case_referral', 'case', 'report_case_state']) {
      await c.query(`VACUUM (ANALYZE) "${table}"`);
    }
    const [{ sessions }] = (
      await c.query<{ sessions: number }>(`SELECT count(*)::int AS sessions FROM expert_session`)
    ).rows as [{ sessions: number }];
    log(
      `Report data added in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${sessions.toLocaleString('en-US')} sessions`,
    );
  });
}

async function createManagerToken(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const [user] = (
      await client.query<{ id: string }>(
        `INSERT INTO app_user (email, display_name, role, desk_id, must_change_password)
         VALUES ('bench-manager@example.jp', 'ベンチマーク管理者', 'manager', 'national', false)
         ON CONFLICT (email) DO UPDATE SET active = true RETURNING id`,
      )
    ).rows;
    // The shape ApiTokenService issues: mdg_<8 alphanumerics>_<43 base64url>, stored as SHA-256.
    const prefix = randomBytes(4).toString('hex');
    const token = `mdg_${prefix}_${randomBytes(32).toString('base64url')}`;
    await client.query(
      `INSERT INTO api_token (token_hash, token_prefix, name, user_id, role, desk_id, created_by)
       VALUES ($1, $2, $3, $4, 'manager', 'national', $4)`,
      [
        createHash('sha256').update(token).digest(),
        prefix,
        `bench reports ${new Date().toISOString()}`,
        user!.id,
      ],
    );
    return token;
  });
}

// ---------------------------------------------------------------------------------------------
// The measurements
// ---------------------------------------------------------------------------------------------

interface LatencyResult {
  key: string;
  label: string;
  /** Each first request on a fresh API process, in ms. */
  cold: number[];
  coldP95: number;
  m: Measurement;
}

interface ExportResult {
  format: 'xlsx' | 'csv';
  rows: number;
  megabytes: number;
  seconds: number;
  idleMb: number;
  peakMb: number;
}

/** The floor: how long PostgreSQL takes to count the fiscal year's cases, nothing else. */
async function sqlFloor(url: string, from: string, to: string): Promise<number> {
  return withClient(url, async (c) => {
    const times: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const started = process.hrtime.bigint();
      await c.query(
        `SELECT count(*) FROM "case" WHERE received_at >= $1::date AT TIME ZONE 'Asia/Tokyo'
           AND received_at < ($2::date + 1) AT TIME ZONE 'Asia/Tokyo'`,
        [from, to],
      );
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    return percentile(times, 0.95);
  });
}

/** Streams a whole export to its end, counting bytes (and lines for CSV). */
async function drainExport(
  baseUrl: string,
  token: string,
  format: 'xlsx' | 'csv',
): Promise<{ bytes: number; lines: number }> {
  const response = await fetch(`${baseUrl}/api/reports/export?format=${format}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok || !response.body) {
    throw new Error(`export ${format}: HTTP ${response.status} ${await response.text()}`);
  }
  let bytes = 0;
  let lines = 0;
  for await (const value of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += value.byteLength;
    if (format === 'csv') {
      for (const byte of value) {
        if (byte === 0x0a) {
          lines += 1;
        }
      }
    }
  }
  return { bytes, lines };
}

/** One export alone on a fresh API: its duration and the process's peak memory. */
async function measureExport(
  baseUrl: string,
  token: string,
  pid: number,
  format: 'xlsx' | 'csv',
): Promise<ExportResult> {
  const idleMb = memoryOf(pid).rssMb;
  const started = Date.now();
  const { bytes, lines } = await drainExport(baseUrl, token, format);
  return {
    format,
    // CSV: every line but the header is a case (subjects carry no line breaks).
    rows: format === 'csv' ? lines - 1 : NaN,
    megabytes: bytes / 2 ** 20,
    seconds: (Date.now() - started) / 1000,
    idleMb,
    peakMb: memoryOf(pid).peakMb,
  };
}

interface LoadedExportResult {
  seconds: number;
  reports: number;
  failures: number;
  idleMb: number;
  peakMb: number;
}

/**
 * The memory budget under load: two xlsx exports and a CSV export of every case at once, while
 * one client asks for the reports over and over until the exports end.
 */
async function measureExportsUnderLoad(
  baseUrl: string,
  token: string,
  pid: number,
  reportPaths: string[],
): Promise<LoadedExportResult> {
  const idleMb = memoryOf(pid).rssMb;
  const started = Date.now();
  let done = false;
  let reports = 0;
  let failures = 0;
  const loop = (async () => {
    while (!done) {
      for (const path of reportPaths) {
        const response = await fetch(`${baseUrl}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.arrayBuffer();
        reports += 1;
        failures += response.ok ? 0 : 1;
      }
    }
  })();
  try {
    await Promise.all(
      (['xlsx', 'xlsx', 'csv'] as const).map((format) => drainExport(baseUrl, token, format)),
    );
  } finally {
    done = true;
    await loop;
  }
  return {
    seconds: (Date.now() - started) / 1000,
    reports,
    failures,
    idleMb,
    peakMb: memoryOf(pid).peakMb,
  };
}

interface IsolationResult {
  quiet: Measurement;
  loaded: Measurement;
  admitted: number;
  refused: number;
  exportFailures: number;
  readyFailures: number;
}

/**
 * Issue #16: one manager keeps twelve CSV exports of every case going. Before the export limits,
 * those held every pool connection and staff got 500s for 40 s; now two are admitted at a time
 * (EXPORT_PER_USER), the rest answer 429 at once, and the case list is measured while they
 * stream, against the same list measured quiet just before.
 */
async function measureIsolation(baseUrl: string, token: string): Promise<IsolationResult> {
  const list = {
    url: baseUrl,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    connections: 4,
    seconds: config.seconds,
    requests: [{ method: 'GET' as const, path: '/api/cases?limit=50' }],
  };
  await measure({ ...list, seconds: Math.min(5, config.seconds) });
  const quiet = await measure(list);
  let admitted = 0;
  let refused = 0;
  let exportFailures = 0;
  let measuring = true;
  // Twelve clients that keep asking until the measurement ends: a refused one retries after
  // a second, an admitted one reads its export to the end and asks again, so exports stream
  // throughout the measured window.
  const streams = Array.from({ length: 12 }, async () => {
    while (measuring) {
      const response = await fetch(`${baseUrl}/api/reports/export?format=csv`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status === 429) {
        refused += 1;
        await response.arrayBuffer();
        await sleep(1000);
        continue;
      }
      if (!response.ok || !response.body) {
        exportFailures += 1;
        continue;
      }
      admitted += 1;
      try {
        for await (const _chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          // Read as fast as it comes, like a browser saving the file.
        }
      } catch {
        exportFailures += 1;
      }
    }
  });
  let readyFailures = 0;
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const ready = await fetch(`${baseUrl}/api/health/ready`).catch(() => null);
      readyFailures += ready?.ok ? 0 : 1;
      await sleep(500);
    }
  })();
  const loaded = await measure(list);
  probing = false;
  measuring = false;
  await Promise.all([...streams, probe]);
  return { quiet, loaded, admitted, refused, exportFailures, readyFailures };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(rows[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

const ms = (v: number): string => (Number.isNaN(v) ? '–' : `${v.toFixed(0)} ms`);

async function main(): Promise<void> {
  if (!existsSync(API_MAIN)) {
    throw new Error(`${API_MAIN} is missing: build the API first (npx nx run api:build)`);
  }
  log(
    `Reports benchmark: scale ${config.scale}, database ${config.database}` +
      `${config.reuse ? ' (reuse)' : ''}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  const prepared = await prepareDatabase({
    serverUrl: config.serverUrl,
    database: config.database,
    scale: config.scale,
    reuse: config.reuse,
    log,
  });
  await addReportData(prepared.url);
  // The roll-ups as autovacuum would leave them (the migration's backfill, or the rebuild above,
  // leaves them without statistics or a visibility map).
  await withClient(prepared.url, async (c) => {
    const tables = await c.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class
        WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace
          AND (relname LIKE 'report\\_case\\_%' OR relname LIKE 'report\\_s%\\_%'
               OR relname LIKE 'report\\_org\\_%' OR relname LIKE 'report\\_referral\\_%')`,
    );
    for (const { name } of tables.rows) {
      await c.query(`VACUUM (ANALYZE) "${name}"`);
    }
  });
  const cases = await withClient(prepared.url, async (c) =>
    Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM "case"`)).rows[0]?.n ?? 0),
  );
  log(`Cases: ${cases.toLocaleString('en-US')}`);
  const token = await createManagerToken(prepared.url);
  const from = `${config.fiscalYear}-04-01`;
  const to = `${config.fiscalYear + 1}-03-31`;
  const fy = `from=${from}&to=${to}`;

  const apiEnv = (port: number) => ({
    NODE_ENV: 'production',
    APP_SECRET: randomBytes(36).toString('base64url'),
    DATABASE_URL: prepared.url,
    DEMO_DATA: 'false',
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    // The production statement timeout (15 s) stays: it applies to each cursor fetch, not to
    // the whole export.
    PORT: String(port),
    // The memory run streams three exports with one token while the reports loop downloads the
    // results workbook, which takes a place too: four. The limits get their own phase.
    EXPORT_CONCURRENCY: '4',
    EXPORT_PER_USER: '4',
    ...(config.apiNodeOptions ? { NODE_OPTIONS: config.apiNodeOptions } : {}),
  });
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };

  const operations = [
    [
      'caseload',
      `caseload groupBy=month,channel`,
      `/api/reports/caseload?${fy}&groupBy=month,channel`,
    ],
    ['backlog', 'backlog, all open cases', '/api/reports/backlog'],
    ['sla', 'sla by desk and channel', `/api/reports/sla?${fy}`],
    ['sessions', 'sessions', `/api/reports/sessions?${fy}`],
    ['outcomes', 'outcomes by block, industry, size', `/api/reports/outcomes?${fy}`],
    ['referrals', 'referrals by program', `/api/reports/referrals?${fy}`],
    ['funnel', 'funnel', `/api/reports/funnel?${fy}`],
  ].map(([key, label, path]) => ({
    key: key!,
    label: `${label!}, FY${config.fiscalYear}`,
    path: path!,
  }));

  const freshApi = async () => {
    const apiPort = await freePort();
    const child = startApi(apiEnv(apiPort));
    await waitUntilUp(child, `http://127.0.0.1:${apiPort}/api/health/ready`);
    return { child, baseUrl: `http://127.0.0.1:${apiPort}` };
  };
  const timedGet = async (url: string): Promise<number> => {
    const started = process.hrtime.bigint();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) {
      throw new Error(`${url}: HTTP ${response.status}`);
    }
    return Number(process.hrtime.bigint() - started) / 1e6;
  };

  let { child: api, baseUrl } = await freshApi();
  if (!config.skipLatency) {
    // Once per database after the migration: the business minutes to first response are
    // computed at the API's start-up (and before an SLA report). Not part of any figure.
    const primed = Date.now();
    await timedGet(`${baseUrl}/api/reports/sla?${fy}`);
    log(`SLA minutes ready in ${((Date.now() - primed) / 1000).toFixed(1)} s`);
  }

  const latencies: LatencyResult[] = [];
  for (const op of config.skipLatency ? [] : operations) {
    // Cold: a new API process answers this report once, BENCH_COLD_ROUNDS times. PostgreSQL's
    // buffers and the OS page cache stay as the previous requests left them.
    const cold: number[] = [];
    for (let round = 0; round < config.coldRounds; round += 1) {
      await stop(api);
      ({ child: api, baseUrl } = await freshApi());
      cold.push(await timedGet(`${baseUrl}${op.path}`));
    }
    const spec = {
      url: baseUrl,
      headers,
      connections: 1,
      seconds: config.seconds,
      requests: [{ method: 'GET' as const, path: op.path }],
      onFailure: (status: number, body: string) => log(`  ! ${op.key}: HTTP ${status} ${body}`),
    };
    await measure({ ...spec, seconds: Math.min(5, config.seconds) });
    const m = await measure(spec);
    const coldP95 = percentile(
      [...cold].sort((a, b) => a - b),
      0.95,
    );
    latencies.push({ key: op.key, label: op.label, cold, coldP95, m });
    log(
      `${op.key.padEnd(9)} cold ${cold.map((v) => v.toFixed(0)).join('/')} ms (p95 ${ms(coldP95)})  ` +
        `warm ${String(m.operations).padStart(5)} ops  p50 ${ms(m.p50)}  p95 ${ms(m.p95)}  ` +
        `max ${ms(m.max)}${m.failures ? `  FAILURES ${m.failures}` : ''}`,
    );
  }
  const floor = await sqlFloor(prepared.url, from, to);
  log(`SQL floor (count the year's cases, no API): p95 ${ms(floor)}`);

  const exports: ExportResult[] = [];
  let loaded: LoadedExportResult | undefined;
  if (!config.skipExport) {
    for (const format of ['xlsx', 'csv'] as const) {
      // A fresh API for each export, so its peak memory is that export's alone.
      await stop(api);
      ({ child: api, baseUrl } = await freshApi());
      await fetch(`${baseUrl}/api/reports/caseload?groupBy=channel&from=2026-01-01`, { headers });
      const result = await measureExport(baseUrl, token, api.pid!, format);
      exports.push(result);
      log(
        `export ${format}: ${Number.isNaN(result.rows) ? `${cases.toLocaleString('en-US')} cases` : `${result.rows.toLocaleString('en-US')} rows`}, ` +
          `${result.megabytes.toFixed(0)} MB in ${result.seconds.toFixed(1)} s; ` +
          `API RSS idle ${result.idleMb.toFixed(0)} MB, peak ${result.peakMb.toFixed(0)} MB`,
      );
    }
    await stop(api);
    ({ child: api, baseUrl } = await freshApi());
    loaded = await measureExportsUnderLoad(baseUrl, token, api.pid!, [
      ...operations.map((op) => op.path),
      `/api/reports/results.xlsx?period=FY${config.fiscalYear}`,
    ]);
    log(
      `exports under load (2 xlsx + 1 csv at once, reports looping): ${loaded.seconds.toFixed(0)} s, ` +
        `${loaded.reports} reports (${loaded.failures} failed); API RSS idle ${loaded.idleMb.toFixed(0)} MB, ` +
        `peak ${loaded.peakMb.toFixed(0)} MB`,
    );
  }
  let isolation: IsolationResult | undefined;
  if (!config.skipIsolation) {
    await stop(api);
    const apiPort = await freePort();
    // The limits as production sets them by default (per instance: half the cores; per person:
    // two, at most that): the memory run's limits are dropped, the rest is the same.
    const {
      EXPORT_CONCURRENCY: _memoryRunOnly,
      EXPORT_PER_USER: _memoryRunToo,
      ...productionEnv
    } = apiEnv(apiPort);
    api = startApi({ ...productionEnv, ...config.isolationEnv });
    baseUrl = `http://127.0.0.1:${apiPort}`;
    await waitUntilUp(api, `${baseUrl}/api/health/ready`);
    isolation = await measureIsolation(baseUrl, token);
    log(
      `case list p95 quiet ${ms(isolation.quiet.p95)}, while 12 exports were asked for ` +
        `${ms(isolation.loaded.p95)} (${isolation.admitted} exports streamed, ${isolation.refused} refused with 429, ` +
        `${isolation.loaded.failures} list failures, ${isolation.readyFailures} readiness failures)`,
    );
  }
  await stop(api);

  const rows = [['measurement', 'target', 'result', 'baseline', 'pass/fail']];
  for (const r of latencies) {
    const pass = r.m.failures === 0 && r.coldP95 <= COLD_TARGET_MS && r.m.p95 <= WARM_TARGET_MS;
    rows.push([
      `${r.label} — p95 cold / warm`,
      `≤ ${COLD_TARGET_MS} / ≤ ${WARM_TARGET_MS} ms`,
      `${ms(r.coldP95)} / ${ms(r.m.p95)} (warm p50 ${ms(r.m.p50)})`,
      `SQL floor ${ms(floor)}`,
      r.m.failures > 0 ? 'fail (errors)' : pass ? 'pass' : 'fail',
    ]);
  }
  for (const e of exports) {
    rows.push([
      `export ${cases.toLocaleString('en-US')} cases as ${e.format} — API peak RSS`,
      `< ${RSS_TARGET_MB} MB`,
      `${e.peakMb.toFixed(0)} MB (${e.seconds.toFixed(0)} s, ${e.megabytes.toFixed(0)} MB)`,
      `idle ${e.idleMb.toFixed(0)} MB`,
      e.peakMb < RSS_TARGET_MB ? 'pass' : 'fail',
    ]);
  }
  if (loaded) {
    rows.push([
      'two xlsx + one csv export at once, reports looping — API peak RSS',
      `< ${RSS_TARGET_MB} MB, no errors`,
      `${loaded.peakMb.toFixed(0)} MB (${loaded.seconds.toFixed(0)} s, ${loaded.reports} reports, ${loaded.failures} failed)`,
      `idle ${loaded.idleMb.toFixed(0)} MB`,
      loaded.peakMb < RSS_TARGET_MB && loaded.failures === 0 ? 'pass' : 'fail',
    ]);
  }
  if (isolation) {
    const i = isolation;
    const ok =
      i.loaded.failures === 0 &&
      i.readyFailures === 0 &&
      i.exportFailures === 0 &&
      i.admitted >= 2 &&
      i.loaded.p95 <= 2 * Math.max(i.quiet.p95, 5);
    rows.push([
      'case list p95 while one manager keeps asking for 12 exports (4 connections)',
      '≤ 2× quiet, no failures',
      `${ms(i.loaded.p95)}; ${i.admitted} exports streamed (2 at a time), ${i.refused} × 429, ${i.loaded.failures} list / ${i.readyFailures} readiness failures`,
      `quiet ${ms(i.quiet.p95)}`,
      ok ? 'pass' : 'fail',
    ]);
  }
  log('');
  log(
    `Scale ${config.scale}, ${cases.toLocaleString('en-US')} cases; cold: ${config.coldRounds} fresh API processes per report; ` +
      `warm: 1 connection for ${config.seconds} s; API NODE_OPTIONS: ${config.apiNodeOptions || '(none)'}`,
  );
  log(table(rows));

  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `reports-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(
    file,
    `${JSON.stringify({ config, cases, latencies, floor, exports, loaded, isolation }, null, 2)}\n`,
  );
  log(`Results: ${file}`);
}

main()
  .catch(async (error: unknown) => {
    process.stderr.write(
      `Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    await Promise.all([...children].map(stop));
    process.exitCode = 1;
  })
  .finally(() => {
    // autocannon and pg may keep handles open; the work is done.
    setTimeout(() => process.exit(), 100).unref();
  });
