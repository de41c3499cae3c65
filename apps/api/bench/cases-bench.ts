import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { seededRandom } from './dataset';
import { prepareDatabase } from './load-dataset';
import { type LoadSpec, type Measurement, measure } from './measure';
import {
  intakeBody,
  listFiltersPath,
  listTextPath,
  sampleWorkload,
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
};

// Compiled to dist/api/apps/api/bench/: the API's entry point is next door.
const API_MAIN = resolve(__dirname, '../src/main.js');
const BASELINE_MAIN = resolve(__dirname, 'baseline-server.js');
const RESULTS_DIR = resolve(__dirname, '../../../../bench');

// ---------------------------------------------------------------------------------------------
// Child processes: the API and the baseline, always stopped on the way out.
// ---------------------------------------------------------------------------------------------

const children = new Set<ChildProcess>();

function start(name: string, script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [script], {
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

/**
 * The baseline is only a yardstick if it answers like the API: compare the ids a few requests
 * return on both, so a change to the API's SQL that the baseline missed shows up here.
 */
async function checkSameAnswers(
  urls: Record<'api' | 'baseline', string>,
  headers: Record<string, string>,
  data: WorkloadData,
): Promise<void> {
  const paths = [
    '/api/organizations?q=%E5%95%86%E4%BA%8B&limit=8',
    '/api/organizations?q=%EF%BE%83%EF%BE%9A%EF%BE%9C%EF%BD%B0%EF%BD%B8&limit=8',
    '/api/cases?status=new&channel=email&deskId=national&limit=50',
    `/api/cases?q=${encodeURIComponent(data.caseNumbers[0]!)}&limit=50`,
    `/api/cases/${data.caseIds[0]}/events`,
  ];
  for (const path of paths) {
    const [api, baseline] = await Promise.all(
      [urls.api, urls.baseline].map(async (base) => {
        const response = await fetch(`${base}${path}`, { headers });
        const body = (await response.json()) as { items?: { id: string }[] };
        return `${response.status} ${(body.items ?? []).map((i) => i.id).join(',')}`;
      }),
    );
    if (api !== baseline) {
      log(`  ! the baseline answers ${path} differently from the API: is it in step with the SQL?`);
    }
  }
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

async function main(): Promise<void> {
  if (!existsSync(API_MAIN)) {
    throw new Error(`${API_MAIN} is missing: build the API first (npx nx run api:build)`);
  }
  log(
    `Cases benchmark: scale ${config.scale}, database ${config.database}` +
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

  const [apiPort, baselinePort] = [await freePort(), await freePort()];
  const api = start('api', API_MAIN, {
    NODE_ENV: 'production',
    APP_SECRET: randomBytes(36).toString('base64url'),
    DATABASE_URL: prepared.url,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
  });
  const baseline = start('baseline', BASELINE_MAIN, {
    BASELINE_DATABASE_URL: prepared.url,
    BASELINE_PORT: String(baselinePort),
    BENCH_USER_ID: principal.userId,
    BENCH_USER_EMAIL: principal.email,
  });
  await Promise.all([
    waitUntilUp(api, `http://127.0.0.1:${apiPort}/api/health/ready`, 'the API'),
    waitUntilUp(baseline, `http://127.0.0.1:${baselinePort}/health`, 'the baseline'),
  ]);
  const urls: Record<Server, string> = {
    api: `http://127.0.0.1:${apiPort}`,
    baseline: `http://127.0.0.1:${baselinePort}`,
  };
  const headers = {
    authorization: `Bearer ${principal.token}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };

  await checkSameAnswers(urls, headers, data);

  const results: Record<string, Partial<Record<Server, Measurement>>> = {};
  const waits: Partial<Record<Server, string>> = {};
  for (const operation of OPERATIONS) {
    for (const server of ['api', 'baseline'] as const) {
      const spec: LoadSpec = {
        url: urls[server],
        headers,
        connections: operation.connections,
        seconds: operation.seconds,
        requests: operation.requests(data),
        onFailure: (status, body) => log(`  ! ${server} ${operation.key}: HTTP ${status} ${body}`),
      };
      // Warm caches and JIT on this server first; the warm-up is not recorded.
      await measure({ ...spec, seconds: Math.min(5, Math.max(1, operation.seconds / 3)) });
      const sampler =
        operation.key === 'intake'
          ? sampleWaits(
              prepared.url,
              server === 'api' ? 'madoguchi-api' : 'madoguchi-bench-baseline',
            )
          : null;
      const m = await measure(spec);
      if (sampler) {
        waits[server] = await sampler();
      }
      (results[operation.key] ??= {})[server] = m;
      log(
        `${operation.key.padEnd(11)} ${server.padEnd(8)} ${String(m.operations).padStart(6)} ops ` +
          `${m.perSecond.toFixed(0).padStart(5)}/s  p50 ${ms(m.p50)}  p95 ${ms(m.p95)}  p99 ${ms(m.p99)}  ` +
          `max ${ms(m.max)}${m.failures ? `  FAILURES ${m.failures}` : ''}`,
      );
    }
  }
  await stopChildren();

  const rows = [['operation', 'target', 'API', 'baseline', 'pass/fail']];
  for (const operation of OPERATIONS) {
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
  for (const server of ['api', 'baseline'] as const) {
    if (waits[server]) {
      log(`Backends busy during ${server} intake (average count by state/wait): ${waits[server]}`);
    }
  }

  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `cases-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(
    file,
    `${JSON.stringify({ config, pgVersion, load: prepared, results, waits }, null, 2)}\n`,
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
