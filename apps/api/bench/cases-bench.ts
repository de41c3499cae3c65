import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { seededRandom } from './dataset';
import { prepareDatabase } from './load-dataset';
import { type LoadSpec, type Measurement, measure, percentile } from './measure';
import {
  intakeBody,
  listFiltersPath,
  listTextPath,
  sampleWorkload,
  textQueries,
  textQueryPath,
  typeaheadPath,
  type WorkloadData,
} from './workload';

/**
 * The cases-core benchmark (issue 4): loads a realistic dataset, then measures intake, the case
 * list, the organization typeahead and the case page on the real API and on a bare baseline.
 * Run with `npm run bench:cases`; see docs/benchmarks.md for the knobs and the last results.
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
  database: process.env.BENCH_DATABASE || 'madoguchi_bench',
  readSeconds: numberEnv('BENCH_SECONDS', 15),
  intakeSeconds: numberEnv('BENCH_INTAKE_SECONDS', 20),
  readConnections: numberEnv('BENCH_READ_CONNECTIONS', 1),
  intakeConnections: numberEnv('BENCH_INTAKE_CONNECTIONS', 32),
  /** Requests per text query and server for the per-query figures (textQueries). */
  textRounds: numberEnv('BENCH_TEXT_ROUNDS', 20),
  // Requests each server answers before anything is measured, none of them a text search: a
  // process just started runs its request path unoptimized for its first few thousand requests
  // (docs/benchmarks.md, corporate-number registry: p95 4.3 ms over the first 3,000, 1.8 after).
  processWarmup: numberEnv('BENCH_PROCESS_WARMUP', 3000),
  // Seconds of each read right after the reuse VACUUM, before anything else has read the data:
  // both servers at once, so neither warms PostgreSQL's caches for the other. 0 leaves it out.
  coldSeconds: numberEnv('BENCH_COLD_SECONDS', 10),
  // Each process runs the same code a little faster or slower than the next one started (JIT
  // decisions, memory layout): two instances of one build, measured in turns, differed by ~10%
  // (docs/benchmarks.md, stop 34). With more than one pair, the reads are measured again on that
  // many fresh pairs of processes, and the API's share of the baseline's throughput is given for
  // each pair and as the median.
  processPairs: numberEnv('BENCH_PROCESS_PAIRS', 1),
  /**
   * A comma-separated subset of textQueries, typeahead, listFilters, listText, detail, intake;
   * all if unset.
   */
  operations: (process.env.BENCH_OPERATIONS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean),
};

// Compiled to dist/api/apps/api/bench/: the API's entry point is next door.
const API_MAIN = resolve(__dirname, '../src/main.js');
const BASELINE_MAIN = resolve(__dirname, 'baseline-server.js');
const RESULTS_DIR = resolve(__dirname, '../../../../bench');

// ---------------------------------------------------------------------------------------------
// Child processes: the API and the baseline, always stopped on the way out.
// ---------------------------------------------------------------------------------------------

const children = new Set<ChildProcess>();

// Node flags for the measured API, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profile` (not allowed in
// NODE_OPTIONS): where its CPU per request goes.
const API_NODE_FLAGS = (process.env.BENCH_API_NODE_FLAGS ?? '').split(' ').filter(Boolean);

function start(name: string, script: string, env: Record<string, string>): ChildProcess {
  const flags = name === 'api' ? API_NODE_FLAGS : [];
  const child = spawn(process.execPath, [...flags, script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      process.stderr.write(`[${name}] ${line.slice(0, 400)}\n`);
    }
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  return child;
}

async function stopChildren(): Promise<void> {
  await Promise.all(
    [...children].map(async (child) => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

process.on('exit', () => {
  for (const child of children) {
    child.kill('SIGKILL');
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping the API and the baseline`);
    void stopChildren().finally(() => process.exit(130));
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

async function waitUntilUp(child: ChildProcess, url: string, name: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with code ${child.exitCode} before answering`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`${name} did not answer ${url} within 120 s`);
}

// ---------------------------------------------------------------------------------------------
// Authentication: an operator with an API token (Bearer mdg_…), no sign-in throttle to dodge.
// ---------------------------------------------------------------------------------------------

interface BenchPrincipal {
  userId: string;
  email: string;
  token: string;
}

async function createBenchToken(url: string): Promise<BenchPrincipal> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const email = 'bench@example.jp';
    const [user] = (
      await client.query<{ id: string }>(
        `INSERT INTO app_user (email, display_name, role, desk_id, must_change_password)
         VALUES ($1, 'ベンチマーク', 'operator', 'national', false)
         ON CONFLICT (email) DO UPDATE SET active = true RETURNING id`,
        [email],
      )
    ).rows;
    // The shape ApiTokenService issues: mdg_<8 alphanumerics>_<43 base64url>, stored as SHA-256.
    const prefix = randomBytes(4).toString('hex');
    const token = `mdg_${prefix}_${randomBytes(32).toString('base64url')}`;
    await client.query(
      `INSERT INTO api_token (token_hash, token_prefix, name, user_id, role, desk_id, created_by)
       VALUES ($1, $2, $3, $4, 'operator', 'national', $4)`,
      [
        createHash('sha256').update(token).digest(),
        prefix,
        `bench ${new Date().toISOString()}`,
        user!.id,
      ],
    );
    return { userId: user!.id, email, token };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// What PostgreSQL backends wait on during intake: evidence for where the time goes.
// ---------------------------------------------------------------------------------------------

function sampleWaits(url: string, applicationName: string) {
  const states = new Map<string, number>();
  const blockedOn = new Map<string, number>();
  let samples = 0;
  let running = true;
  const client = new Client({ connectionString: url });
  const done = (async () => {
    await client.connect();
    while (running) {
      const rows = await client.query<{ what: string; statement: string }>(
        `SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'running')
                     ELSE state END AS what,
                regexp_replace(left(query, 60), '\\s+', ' ', 'g') AS statement
           FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()
            AND state <> 'idle'`,
        [applicationName],
      );
      samples += 1;
      for (const row of rows.rows) {
        states.set(row.what, (states.get(row.what) ?? 0) + 1);
        if (row.what.startsWith('Lock:')) {
          blockedOn.set(row.statement, (blockedOn.get(row.statement) ?? 0) + 1);
        }
      }
      await sleep(50);
    }
    await client.end();
  })();
  const top = (counts: Map<string, number>, n: number) =>
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([what, count]) => `${what} ${(count / Math.max(1, samples)).toFixed(1)}`)
      .join(', ');
  return async (): Promise<string> => {
    running = false;
    await done;
    const locks = top(blockedOn, 2);
    return `${top(states, 5)}${locks ? `; waiting for a lock in: ${locks}` : ''}`;
  };
}

// ---------------------------------------------------------------------------------------------
// Where the CPU goes: the server, PostgreSQL, the load generator (this process) and the rest.
// ---------------------------------------------------------------------------------------------

interface CpuUse {
  /** CPU milliseconds used during the measurement, by whom. */
  server: number;
  postgres: number;
  loadGenerator: number;
  /** Everything else on the machine: colleagues' test runs, the other server idling, the OS. */
  other: number;
  /** Share of all cores busy over the measurement. */
  busy: number;
}

const CLOCK_TICK_MS = (() => {
  try {
    return 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
  } catch {
    return 10;
  }
})();

/** utime + stime of a process from /proc, in ms; 0 when it is gone. */
function processCpuMs(pid: string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
  } catch {
    return 0;
  }
}

function postgresPids(): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) {
      return false;
    }
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
    } catch {
      return false;
    }
  });
}

/** Starts counting; the returned function stops and answers the CPU used (Linux only). */
function countCpu(serverPid: number | undefined): () => CpuUse | null {
  if (!existsSync('/proc/stat') || serverPid === undefined) {
    return () => null;
  }
  const machine = () => {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
    const ticks = fields.map(Number);
    // idle and iowait are not busy.
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) * CLOCK_TICK_MS, total: total * CLOCK_TICK_MS };
  };
  const postgres = () => new Map(postgresPids().map((pid) => [pid, processCpuMs(pid)]));
  const before = {
    machine: machine(),
    server: processCpuMs(String(serverPid)),
    postgres: postgres(),
    self: process.cpuUsage(),
  };
  return () => {
    const m = machine();
    // Per process: what it used since the start, or all of it if it started since. A process
    // that ended in between (an autovacuum worker) is lost here and counted under "other".
    let postgresMs = 0;
    for (const [pid, ms] of postgres()) {
      postgresMs += ms - (before.postgres.get(pid) ?? 0);
    }
    const self = process.cpuUsage(before.self);
    const server = processCpuMs(String(serverPid)) - before.server;
    const loadGenerator = (self.user + self.system) / 1000;
    const busy = m.busy - before.machine.busy;
    return {
      server,
      postgres: Math.max(0, postgresMs),
      loadGenerator,
      other: Math.max(0, busy - server - postgresMs - loadGenerator),
      busy: busy / Math.max(1, m.total - before.machine.total),
    };
  };
}

/**
 * The commit measured, and uncommitted changes to what is measured: the bench builds the working
 * tree, so anyone's work in progress (and its migrations, applied to the bench database) is in it.
 */
function measuredSource(): { commit: string | null; uncommitted: string[] } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      uncommitted: git('status', '--porcelain', '--', 'apps/api', 'libs', 'migrations')
        .split('\n')
        .filter(Boolean),
    };
  } catch {
    return { commit: null, uncommitted: [] };
  }
}

/** The first place where two JSON answers differ (object keys in any order), or null. */
function difference(a: unknown, b: unknown, path = ''): string | null {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      return `${path || '.'}: ${a.length} items against ${b.length}`;
    }
    for (let i = 0; i < a.length; i += 1) {
      const d = difference(a[i], b[i], `${path}[${i}]`);
      if (d) {
        return d;
      }
    }
    return null;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const d = difference(a[key], b[key], `${path}.${key}`);
      if (d) {
        return d;
      }
    }
    return null;
  }
  const [x, y] = [JSON.stringify(a) ?? 'missing', JSON.stringify(b) ?? 'missing'];
  return x === y ? null : `${path || '.'}: ${x.slice(0, 80)} against ${y.slice(0, 80)}`;
}

/** What differs between two intakes of the same body by nature: ids, numbers, creation times. */
function withoutIdentity(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) {
    return body;
  }
  const c = body as Record<string, unknown>;
  const created = (o: unknown) => {
    const {
      id: _id,
      createdAt: _c,
      updatedAt: _u,
      organizationId: _o,
      ...rest
    } = (o ?? {}) as Record<string, unknown>;
    return rest;
  };
  const { id: _id, number: _n, createdAt: _c, updatedAt: _u, ...rest } = c;
  return { ...rest, organization: created(c.organization), contact: created(c.contact) };
}

/**
 * The baseline is only a yardstick if it does what the API does: compare whole answers (not
 * just ids) of a few requests of each operation, and of intakes of the same bodies (the desk,
 * assignee and SLA due times that routing picks, the organization with its session allowance),
 * so a change to the API's SQL or answers that the baseline missed shows up here.
 */
async function checkSameAnswers(
  urls: Record<'api' | 'baseline', string>,
  headers: Record<string, string>,
  data: WorkloadData,
): Promise<number> {
  const known = data.organizations.find((o) => o.contactId) ?? data.organizations[0]!;
  const paths = [
    '/api/organizations?q=%E5%95%86%E4%BA%8B&limit=8',
    '/api/organizations?q=%EF%BE%83%EF%BE%9A%EF%BE%9C%EF%BD%B0%EF%BD%B8&limit=8',
    `/api/organizations?q=${encodeURIComponent(known.name)}&limit=8`,
    `/api/organizations?q=${encodeURIComponent('山')}&limit=8`,
    '/api/cases?status=new&channel=email&deskId=national&limit=50',
    '/api/cases?status=new%2Cin_progress&deskId=kanto&limit=50',
    `/api/cases?q=${encodeURIComponent(data.caseNumbers[0]!)}&limit=50`,
    `/api/cases?q=VPN&limit=50`,
    `/api/cases?q=${encodeURIComponent('テレワーク　商事')}&limit=50`,
    `/api/cases?q=${encodeURIComponent('山田商事')}&status=new%2Cin_progress&limit=50`,
    `/api/cases?q=${encodeURIComponent('鉄')}&limit=50`,
    `/api/cases/${data.caseIds[0]}`,
    `/api/cases/${data.caseIds[0]}/events`,
  ];
  const receivedAt = new Date(Date.now() - 3_600_000).toISOString();
  const body = (channel: string, organization: object, contact: object | undefined) =>
    JSON.stringify({
      channel,
      receivedAt,
      organization,
      contact,
      topics: ['LAB.TIME'],
      subject: 'ベンチマークの照合',
      description: '基準サーバーと API が同じ答えを返すかの確認',
    });
  const intakes = [
    // Walk-in: routed to the desk covering the organization, auto-assignment asked.
    body('walk_in', { id: known.id }, known.contactId ? { id: known.contactId } : undefined),
    // Email: the national center, a first-response clock, a new organization and contact.
    body(
      'email',
      // Both servers get this body at once and share the database: with the reason, neither
      // is refused as a duplicate of what the other just created.
      {
        name: '照合テスト株式会社',
        nameKana: 'ショウゴウテスト',
        prefectureCode: '13',
        duplicateOverrideReason: 'ベンチマークの照合',
      },
      { name: '照合 太郎', phone: '03-5555-0101', email: 'check@example.jp' },
    ),
  ];
  let mismatches = 0;
  const compare = async (what: string, ask: (base: string) => Promise<Response>) => {
    const [api, baseline] = await Promise.all(
      [urls.api, urls.baseline].map(async (base) => {
        const response = await ask(base);
        const text = await response.text();
        let json: unknown = text;
        try {
          json = JSON.parse(text);
        } catch {
          // Not JSON: compare the text.
        }
        return { status: response.status, json };
      }),
    );
    const d =
      api!.status !== baseline!.status
        ? `HTTP ${api!.status} against ${baseline!.status}`
        : what.startsWith('POST')
          ? difference(withoutIdentity(api!.json), withoutIdentity(baseline!.json))
          : difference(api!.json, baseline!.json);
    if (d) {
      mismatches += 1;
      log(`  ! the baseline answers ${what} differently from the API (${d})`);
    }
  };
  for (const path of paths) {
    await compare(`GET ${path}`, (base) => fetch(`${base}${path}`, { headers }));
  }
  for (const [i, intake] of intakes.entries()) {
    await compare(`POST /api/cases (check ${i + 1})`, (base) =>
      fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': randomBytes(12).toString('base64url') },
        body: intake,
      }),
    );
  }
  log(
    mismatches === 0
      ? `The baseline answers ${paths.length + intakes.length} check requests like the API`
      : `  ! ${mismatches} answer(s) differ: bring baseline-server.ts in step with the services`,
  );
  return mismatches;
}

// ---------------------------------------------------------------------------------------------
// Text queries one by one: cold (the first time a server process is asked) and warm
// ---------------------------------------------------------------------------------------------

interface TextQueryFigures {
  label: string;
  status: string | null;
  cold: Record<Server, number>;
  warm: Record<Server, { p50: number; p95: number; max: number }>;
  rows: number;
}

async function timed(url: string, headers: Record<string, string>): Promise<[number, number]> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = (await response.json()) as { items?: unknown[] };
  const elapsed = performance.now() - started;
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return [elapsed, body.items?.length ?? 0];
}

/**
 * Warms both server processes (their code, not the search's pages) with requests that are not
 * text searches: the plain case list and case pages, taking turns, none recorded. Every figure is
 * then a running server's, and the text queries' cold figure stays the first time a word is
 * asked, not a process's first minutes.
 */
async function warmProcesses(
  urls: Record<Server, string>,
  headers: Record<string, string>,
  data: WorkloadData,
): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < config.processWarmup; i += 1) {
    const path =
      i % 2 === 0 ? '/api/cases?limit=50' : `/api/cases/${data.caseIds[i % data.caseIds.length]}`;
    for (const server of ['api', 'baseline'] as const) {
      const response = await fetch(`${urls[server]}${path}`, { headers });
      await response.arrayBuffer();
    }
  }
  log(
    `Warmed both processes with ${config.processWarmup} requests each (plain list, case pages) ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/**
 * Each kind of query of the text workload, with and without the status filter, on both servers:
 * the first request (cold: this process has not run it yet, right after start-up and before any
 * other operation; the database's caches are shared, so the server asked first pays for them,
 * which alternates), then BENCH_TEXT_ROUNDS requests each, taking turns (warm).
 */
async function measureTextQueries(
  urls: Record<Server, string>,
  headers: Record<string, string>,
  data: WorkloadData,
): Promise<TextQueryFigures[]> {
  const figures: TextQueryFigures[] = [];
  const kinds = textQueries(data);
  let turn = 0;
  for (const status of [undefined, 'new,in_progress']) {
    for (const kind of kinds) {
      const order: Server[] = turn++ % 2 === 0 ? ['api', 'baseline'] : ['baseline', 'api'];
      const cold = {} as Record<Server, number>;
      let rows = 0;
      for (const server of order) {
        [cold[server], rows] = await timed(
          `${urls[server]}${textQueryPath(kind.q(0), status)}`,
          headers,
        );
      }
      const samples: Record<Server, number[]> = { api: [], baseline: [] };
      for (let i = 1; i <= config.textRounds; i += 1) {
        // A sampled query asks about a case or an organization not asked before, whose pages the
        // server asking first reads from disk for both: take turns round by round, so that cost
        // falls on each server half the time. A fixed word's pages are warm after round one.
        const first = kind.sampled && i % 2 === 0 ? [...order].reverse() : order;
        for (const server of first) {
          const [ms] = await timed(`${urls[server]}${textQueryPath(kind.q(i), status)}`, headers);
          samples[server].push(ms);
        }
      }
      const warm = {} as TextQueryFigures['warm'];
      for (const server of order) {
        const sorted = samples[server].sort((a, b) => a - b);
        warm[server] = {
          p50: percentile(sorted, 0.5),
          p95: percentile(sorted, 0.95),
          max: sorted[sorted.length - 1] ?? NaN,
        };
      }
      figures.push({ label: kind.label, status: status ?? null, cold, warm, rows });
      log(
        `textQuery ${kind.label}${status ? ` (status=${status})` : ''}: rows ${rows}, cold API ${ms(cold.api)} ` +
          `baseline ${ms(cold.baseline)}, warm p95 API ${ms(warm.api.p95)} baseline ${ms(warm.baseline.p95)}`,
      );
    }
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// The measurements
// ---------------------------------------------------------------------------------------------

type Server = 'api' | 'baseline';

interface Operation {
  key: string;
  label: string;
  connections: number;
  seconds: number;
  requests: (data: WorkloadData) => LoadSpec['requests'];
  targets: { metric: 'perSecond' | 'p95' | 'p99'; label: string; ok: (v: number) => boolean }[];
}

const rnd = seededRandom(Date.now() % 2 ** 31);

const OPERATIONS: Operation[] = [
  {
    key: 'typeahead',
    label: 'organization typeahead GET /api/organizations?q=',
    connections: config.readConnections,
    seconds: config.readSeconds,
    requests: (data) => [
      { method: 'GET', setupRequest: (r) => ({ ...r, path: typeaheadPath(rnd, data) }) },
    ],
    targets: [{ metric: 'p95', label: 'p95 ≤ 30 ms', ok: (v) => v <= 30 }],
  },
  {
    key: 'listFilters',
    label: 'case list, first page, filters (status/channel/desk)',
    connections: config.readConnections,
    seconds: config.readSeconds,
    requests: () => [
      { method: 'GET', setupRequest: (r) => ({ ...r, path: listFiltersPath(rnd) }) },
    ],
    targets: [{ metric: 'p95', label: 'p95 ≤ 30 ms', ok: (v) => v <= 30 }],
  },
  {
    key: 'listText',
    label: 'case list, first page, text query (q=)',
    connections: config.readConnections,
    seconds: config.readSeconds,
    requests: (data) => [
      { method: 'GET', setupRequest: (r) => ({ ...r, path: listTextPath(rnd, data) }) },
    ],
    targets: [{ metric: 'p95', label: 'p95 ≤ 30 ms', ok: (v) => v <= 30 }],
  },
  {
    key: 'detail',
    label: 'case detail + timeline (GET /api/cases/:id, then /events)',
    connections: config.readConnections,
    seconds: config.readSeconds,
    requests: (data) => [
      {
        method: 'GET',
        setupRequest: (r, context) => {
          const id = data.caseIds[Math.floor(rnd() * data.caseIds.length)]!;
          (context as { id?: string }).id = id;
          return { ...r, path: `/api/cases/${id}` };
        },
      },
      {
        method: 'GET',
        setupRequest: (r, context) => ({
          ...r,
          path: `/api/cases/${(context as { id?: string }).id}/events`,
        }),
      },
    ],
    targets: [{ metric: 'p95', label: 'p95 ≤ 20 ms', ok: (v) => v <= 20 }],
  },
  {
    key: 'intake',
    label: `intake POST /api/cases (${config.intakeConnections} connections)`,
    connections: config.intakeConnections,
    seconds: config.intakeSeconds,
    requests: (data) => [
      {
        method: 'POST',
        setupRequest: (r) => ({
          ...r,
          path: '/api/cases',
          body: intakeBody(rnd, data),
          headers: { ...r.headers, 'idempotency-key': randomBytes(12).toString('base64url') },
        }),
      },
    ],
    targets: [
      { metric: 'perSecond', label: '≥ 500 req/s', ok: (v) => v >= 500 },
      { metric: 'p99', label: 'p99 ≤ 100 ms', ok: (v) => v <= 100 },
    ],
  },
];

const ms = (v: number): string => (Number.isNaN(v) ? '–' : `${v.toFixed(1)} ms`);
const fmt = (metric: string, v: number): string =>
  metric === 'perSecond' ? `${v.toFixed(0)} req/s` : ms(v);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(rows[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** The API's throughput as a share of the baseline's. */
const share = (figures: Partial<Record<Server, Measurement>>): number =>
  figures.api!.perSecond / figures.baseline!.perSecond;
const pct = (value: number): string => `${(value * 100).toFixed(0)}%`;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Warms caches and JIT on one server for an operation first; the warm-up is not recorded. */
const warmUp = (spec: LoadSpec, operation: Operation): Promise<Measurement> =>
  measure({ ...spec, seconds: Math.min(5, Math.max(1, operation.seconds / 3)) });

/** Starts the API and the baseline on free ports, both answering. */
async function startServers(
  databaseUrl: string,
  principal: BenchPrincipal,
): Promise<{ urls: Record<Server, string>; pids: Record<Server, number | undefined> }> {
  const [apiPort, baselinePort] = [await freePort(), await freePort()];
  const api = start('api', API_MAIN, {
    NODE_ENV: 'production',
    APP_SECRET: randomBytes(36).toString('base64url'),
    DATABASE_URL: databaseUrl,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
  });
  const baseline = start('baseline', BASELINE_MAIN, {
    BASELINE_DATABASE_URL: databaseUrl,
    BASELINE_PORT: String(baselinePort),
    BENCH_USER_ID: principal.userId,
    BENCH_USER_EMAIL: principal.email,
  });
  await Promise.all([
    waitUntilUp(api, `http://127.0.0.1:${apiPort}/api/health/ready`, 'the API'),
    waitUntilUp(baseline, `http://127.0.0.1:${baselinePort}/health`, 'the baseline'),
  ]);
  return {
    urls: {
      api: `http://127.0.0.1:${apiPort}`,
      baseline: `http://127.0.0.1:${baselinePort}`,
    },
    pids: { api: api.pid, baseline: baseline.pid },
  };
}

async function main(): Promise<void> {
  if (!existsSync(API_MAIN)) {
    throw new Error(`${API_MAIN} is missing: build the API first (npx nx run api:build)`);
  }
  const source = measuredSource();
  const unknown = config.operations.filter(
    (k) => k !== 'textQueries' && !OPERATIONS.some((o) => o.key === k),
  );
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_OPERATIONS: unknown ${unknown.join(', ')}; choose from textQueries, ${OPERATIONS.map((o) => o.key).join(', ')}`,
    );
  }
  const operations = OPERATIONS.filter(
    (o) => config.operations.length === 0 || config.operations.includes(o.key),
  );
  log(
    `Cases benchmark at ${source.commit ?? '?'}: scale ${config.scale}, database ${config.database}` +
      `${config.reuse ? ' (reuse)' : ''}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  if (source.uncommitted.length > 0) {
    log(
      `  ! measuring uncommitted changes (their migrations reach ${config.database} too): ` +
        source.uncommitted.slice(0, 8).join('; '),
    );
  }
  const prepared = await prepareDatabase({
    serverUrl: config.serverUrl,
    database: config.database,
    scale: config.scale,
    reuse: config.reuse,
    log,
  });
  if (prepared.loadSeconds !== null) {
    log(
      `Dataset loaded in ${prepared.loadSeconds.toFixed(1)} s (migrations, COPY, indexes, VACUUM ANALYZE)`,
    );
  }
  log(
    `Rows: ${Object.entries(prepared.counts)
      .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
      .join(', ')}`,
  );
  const pgVersion = await (async () => {
    const client = new Client({ connectionString: prepared.url });
    await client.connect();
    try {
      return (
        (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]
          ?.v ?? '?'
      );
    } finally {
      await client.end();
    }
  })();

  const principal = await createBenchToken(prepared.url);
  const data = await sampleWorkload(prepared.url);

  const { urls, pids } = await startServers(prepared.url, principal);
  const headers = {
    authorization: `Bearer ${principal.token}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };

  const mismatches = await checkSameAnswers(urls, headers, data);
  const textWanted = config.operations.length === 0 || config.operations.includes('textQueries');
  const specFor = (operation: Operation, server: Server, at = urls): LoadSpec => ({
    url: at[server],
    headers,
    connections: operation.connections,
    seconds: operation.seconds,
    requests: operation.requests(data),
    onFailure: (status, body) => log(`  ! ${server} ${operation.key}: HTTP ${status} ${body}`),
  });
  // Cold: caches as the load (or the last run) left them, processes just started.
  const cold: Record<string, Record<Server, Measurement>> = {};
  if (config.coldSeconds > 0) {
    for (const operation of operations.filter((o) => o.key !== 'intake')) {
      const [coldApi, coldBaseline] = await Promise.all(
        (['api', 'baseline'] as const).map((server) =>
          measure({ ...specFor(operation, server), seconds: config.coldSeconds }),
        ),
      );
      cold[operation.key] = { api: coldApi!, baseline: coldBaseline! };
      log(
        `${operation.key.padEnd(11)} cold     API p95 ${ms(coldApi!.p95)} (${coldApi!.operations} ops), ` +
          `baseline p95 ${ms(coldBaseline!.p95)} (${coldBaseline!.operations} ops), both at once`,
      );
    }
  }
  await warmProcesses(urls, headers, data);
  const text = textWanted ? await measureTextQueries(urls, headers, data) : [];

  const results: Record<string, Partial<Record<Server, Measurement>>> = {};
  const waits: Partial<Record<Server, string>> = {};
  const cpu: Record<string, Partial<Record<Server, CpuUse | null>>> = {};
  for (const operation of operations) {
    for (const server of ['api', 'baseline'] as const) {
      const spec = specFor(operation, server);
      await warmUp(spec, operation);
      const sampler =
        operation.key === 'intake'
          ? sampleWaits(
              prepared.url,
              server === 'api' ? 'madoguchi-api' : 'madoguchi-bench-baseline',
            )
          : null;
      const counting = countCpu(pids[server]);
      const m = await measure(spec);
      const used = counting();
      if (sampler) {
        waits[server] = await sampler();
      }
      (results[operation.key] ??= {})[server] = m;
      (cpu[operation.key] ??= {})[server] = used;
      log(
        `${operation.key.padEnd(11)} ${server.padEnd(8)} ${String(m.operations).padStart(6)} ops ` +
          `${m.perSecond.toFixed(0).padStart(5)}/s  p50 ${ms(m.p50)}  p95 ${ms(m.p95)}  p99 ${ms(m.p99)}  ` +
          `max ${ms(m.max)}${m.failures ? `  FAILURES ${m.failures}` : ''}`,
      );
    }
  }
  await stopChildren();

  // The reads again on fresh pairs of processes: the first pair's figures are above.
  const reads = operations.filter((o) => o.key !== 'intake');
  const pairs: Record<string, number[]> = Object.fromEntries(
    reads.map((o) => [o.key, [share(results[o.key]!)]]),
  );
  for (let pair = 2; pair <= config.processPairs && reads.length > 0; pair += 1) {
    const fresh = await startServers(prepared.url, principal);
    await warmProcesses(fresh.urls, headers, data);
    for (const operation of reads) {
      const figures: Partial<Record<Server, Measurement>> = {};
      for (const server of ['api', 'baseline'] as const) {
        const spec = specFor(operation, server, fresh.urls);
        await warmUp(spec, operation);
        figures[server] = await measure(spec);
      }
      pairs[operation.key]!.push(share(figures));
      log(
        `${operation.key.padEnd(11)} pair ${pair}   API ${figures.api!.perSecond.toFixed(0)}/s, ` +
          `baseline ${figures.baseline!.perSecond.toFixed(0)}/s: ${pct(share(figures))}`,
      );
    }
    await stopChildren();
  }

  const rows = [['operation', 'target', 'API', 'baseline', 'pass/fail']];
  for (const operation of operations) {
    const r = results[operation.key]!;
    for (const target of operation.targets) {
      const apiValue = r.api![target.metric];
      rows.push([
        operation.targets.length > 1 ? `${operation.label} — ${target.metric}` : operation.label,
        target.label,
        fmt(target.metric, apiValue),
        fmt(target.metric, r.baseline![target.metric]),
        r.api!.failures > 0 ? 'fail (errors)' : target.ok(apiValue) ? 'pass' : 'fail',
      ]);
    }
  }
  log('');
  log(
    `Scale ${config.scale}; reads at ${config.readConnections} connection(s) for ${config.readSeconds} s, ` +
      `intake at ${config.intakeConnections} for ${config.intakeSeconds} s; PostgreSQL ${pgVersion}`,
  );
  log(table(rows));
  if (Object.keys(cold).length > 0) {
    log('');
    log(
      `Cold (${config.coldSeconds} s right after start-up and the reuse VACUUM, both servers at once) and warm, p95:`,
    );
    log(
      table([
        ['operation', 'cold API', 'cold baseline', 'warm API', 'warm baseline'],
        ...Object.entries(cold).map(([key, c]) => [
          key,
          ms(c.api.p95),
          ms(c.baseline.p95),
          ms(results[key]!.api!.p95),
          ms(results[key]!.baseline!.p95),
        ]),
      ]),
    );
  }
  if (text.length > 0) {
    log('');
    log(`Text queries one by one (${config.textRounds} warm requests each per server):`);
    log(
      table([
        [
          'query',
          'status filter',
          'rows',
          'cold API',
          'cold baseline',
          'warm p95 API',
          'warm p95 baseline',
          'warm p50 API',
        ],
        ...text.map((f) => [
          f.label,
          f.status ?? '–',
          String(f.rows),
          ms(f.cold.api),
          ms(f.cold.baseline),
          ms(f.warm.api.p95),
          ms(f.warm.baseline.p95),
          ms(f.warm.api.p50),
        ]),
      ]),
    );
  }
  if (config.processPairs > 1) {
    log('');
    log(
      `API throughput as a share of the baseline's, per pair of processes (${config.processPairs}):`,
    );
    log(
      table([
        ['operation', 'each pair', 'median'],
        ...Object.entries(pairs).map(([key, shares]) => [
          key,
          shares.map(pct).join(', '),
          pct(median(shares)),
        ]),
      ]),
    );
  }
  for (const server of ['api', 'baseline'] as const) {
    if (waits[server]) {
      log(`Backends busy during ${server} intake (average count by state/wait): ${waits[server]}`);
    }
  }
  for (const operation of operations) {
    for (const server of ['api', 'baseline'] as const) {
      const used = cpu[operation.key]?.[server];
      const done = results[operation.key]?.[server]?.operations ?? 0;
      if (used && done > 0) {
        const per = (v: number) => `${(v / done).toFixed(2)}`;
        log(
          `CPU ms per ${operation.key} on the ${server}: server ${per(used.server)}, PostgreSQL ${per(used.postgres)}, ` +
            `load generator ${per(used.loadGenerator)}, other ${per(used.other)}; cores ${(used.busy * 100).toFixed(0)}% busy`,
        );
      }
    }
  }

  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `cases-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(
    file,
    `${JSON.stringify({ config, source, pgVersion, load: prepared, answerMismatches: mismatches, results, cold, text, waits, cpu, pairs }, null, 2)}\n`,
  );
  log(`Results: ${file}`);
}

main()
  .catch(async (error: unknown) => {
    process.stderr.write(
      `Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    await stopChildren();
    process.exitCode = 1;
  })
  .finally(() => {
    // autocannon and pg may keep handles open; the work is done.
    setTimeout(() => process.exit(), 100).unref();
  });
