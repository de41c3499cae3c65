import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { appendFile, chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * The docker-compose topology as processes on this machine (no Docker engine runs here): a
 * PostgreSQL primary and a streaming replica cloned with pg_basebackup, the migrations run once,
 * two built API processes, and Debian's nginx in front with the rules of apps/api/deploy/nginx.conf.
 * Everything lives in one temporary folder; its state file lets the tests (which run in another
 * module registry than the global setup) kill, restart and query the parts.
 */

export const ROOT = resolve(__dirname, '../../../../..');
export const ENV_STATE = 'MADOGUCHI_DEPLOY_STATE';
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const MAIN_JS = join(ROOT, 'dist/api/apps/api/src/main.js');
const MIGRATE_JS = join(ROOT, 'dist/api/apps/api/src/database/migrate.cli.js');
const DATABASE = 'madoguchi';
/** The test sets the bound low, so that a replica paused for a few seconds is already too stale. */
export const REPORTS_MAX_LAG_SECONDS = 8;

export interface ApiInstance {
  port: number;
  pid: number;
  log: string;
}

export interface TopologyState {
  dir: string;
  primary: { dataDir: string; port: number };
  replica: { dataDir: string; port: number };
  apis: ApiInstance[];
  nginx: { port: number; pid: number; log: string };
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: as root, its tools run as the `postgres` system user. */
function asPostgres(binary: string, args: string[]): [string, string[]] {
  const path = join(PG_BIN, binary);
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

/** Runs a command to its end; rejects with its output when it fails. */
export function run(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { env: env ?? process.env, cwd: ROOT });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0
        ? ok(output)
        : fail(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

const pg = (binary: string, args: string[]): Promise<string> => run(...asPostgres(binary, args));

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port')),
      );
    });
  });
}

export const databaseUrl = (port: number, database = DATABASE): string =>
  `postgres://postgres@127.0.0.1:${port}/${database}`;

export function readState(): TopologyState {
  const file = process.env[ENV_STATE];
  if (!file) {
    throw new Error(`${ENV_STATE} is not set: run through jest-deploy.config.js`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as TopologyState;
}

function writeState(state: TopologyState): void {
  writeFileSync(join(state.dir, 'state.json'), JSON.stringify(state, null, 2));
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  logFile?: string,
  intervalMs = 200,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) {
      return;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const log = logFile ? await readFile(logFile, 'utf8').catch(() => '') : '';
  throw new Error(`${what} did not happen in ${timeoutMs} ms\n${log.slice(-4000)}`);
}

/** One statement on a server, on a short-lived connection. */
export async function sql<T = Record<string, unknown>>(
  port: number,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl(port), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function startCluster(dataDir: string, logFile: string): Promise<void> {
  await pg('pg_ctl', ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile]);
}

export async function stopCluster(dataDir: string, mode: 'fast' | 'immediate'): Promise<void> {
  await pg('pg_ctl', ['stop', '-w', '-D', dataDir, '-m', mode]);
}

/** `pg_ctl restart -m fast`: every connection is cut, and the server is back once it answers. */
export async function restartPrimary(state: TopologyState): Promise<void> {
  await pg('pg_ctl', [
    'restart',
    '-w',
    '-D',
    state.primary.dataDir,
    '-m',
    'fast',
    '-l',
    join(state.dir, 'primary.log'),
  ]);
}

async function makePrimary(dir: string, port: number): Promise<string> {
  const dataDir = join(dir, 'primary');
  await pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  // initdb's pg_hba.conf already lets local connections replicate (trust, 127.0.0.1).
  await appendFile(
    join(dataDir, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'wal_level = replica',
      'max_wal_senders = 5',
      'wal_keep_size = 256MB',
      'hot_standby = on',
      'max_connections = 100',
      // The tier restarts PostgreSQL cleanly and never loses the machine: fsync would prove
      // nothing here and costs the two shared cores a lot.
      'fsync = off',
      '',
    ].join('\n'),
  );
  await startCluster(dataDir, join(dir, 'primary.log'));
  const admin = new Client({ connectionString: databaseUrl(port, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  return dataDir;
}

async function makeReplica(dir: string, primaryPort: number, port: number): Promise<string> {
  const dataDir = join(dir, 'replica');
  await pg('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    'postgres',
    '-D',
    dataDir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  // The clone carries the primary's settings; only its port differs.
  await appendFile(join(dataDir, 'postgresql.conf'), `port = ${port}\n`);
  await startCluster(dataDir, join(dir, 'replica.log'));
  await waitFor(
    'the replica accepting reads',
    async () => (await sql<{ r: boolean }>(port, `SELECT pg_is_in_recovery() AS r`))[0]?.r === true,
    30_000,
  );
  return dataDir;
}

export function apiEnv(
  state: Pick<TopologyState, 'primary' | 'replica'>,
  port: number,
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_SECRET: 'deploy-tier-secret-deploy-tier-secret-0123456789',
    DATABASE_URL: databaseUrl(state.primary.port),
    REPORTS_DATABASE_URL: databaseUrl(state.replica.port),
    REPORTS_MAX_LAG_SECONDS: String(REPORTS_MAX_LAG_SECONDS),
    DEMO_DATA: 'true',
    // nginx is the only client, as in docker-compose.yml.
    TRUST_PROXY: 'true',
    // Both instances run the job workers: the tier shows that each job still runs once.
    JOBS_ENABLED: 'true',
    LOG_LEVEL: 'warn',
    DB_CONNECT_TIMEOUT_MS: '2000',
    // Each intake loop signs in once; the per-address limit is not what this tier tests.
    LOGIN_MAX_FAILURES_PER_IP: '1000',
  };
}

/** Starts (or restarts) API instance `index` on its port, and waits until it is ready. */
export async function startApi(state: TopologyState, index: number): Promise<ApiInstance> {
  const port = state.apis[index]?.port ?? (await freePort());
  const log = join(state.dir, `api${index + 1}.log`);
  const fd = openSync(log, 'a');
  const child: ChildProcess = spawn(process.execPath, [MAIN_JS], {
    env: apiEnv(state, port),
    cwd: ROOT,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (child.pid === undefined) {
    throw new Error('the API process did not start');
  }
  const instance = { port, pid: child.pid, log };
  state.apis[index] = instance;
  writeState(state);
  await waitFor(
    `API ${index + 1} ready`,
    async () => {
      if (child.exitCode !== null) {
        throw new Error(`API ${index + 1} exited with ${child.exitCode}`);
      }
      return (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).ok;
    },
    // The first start loads the demo data: on two cores shared with other work, that can be slow.
    180_000,
    log,
  );
  child.unref();
  return instance;
}

/**
 * Signals API instance `index` (SIGKILL unless told); resolves with when the signal went and when
 * the process was gone. After a SIGKILL its listening socket still takes connections until then
 * (the kernel's backlog), so requests sent in between die with it too: they were in flight on it.
 */
export async function killApi(
  state: TopologyState,
  index: number,
  signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL',
): Promise<{ killedAt: number; goneAt: number }> {
  const pid = state.apis[index]!.pid;
  const killedAt = Date.now();
  process.kill(pid, signal);
  await waitFor(
    `API ${index + 1} gone`,
    () => {
      try {
        process.kill(pid, 0);
        return Promise.resolve(false);
      } catch {
        return Promise.resolve(true);
      }
    },
    signal === 'SIGTERM' ? 60_000 : 10_000,
    undefined,
    10,
  );
  return { killedAt, goneAt: Date.now() };
}

/**
 * The shared nginx.conf with only the addresses replaced, so the upstream rules under test are
 * the ones docker-compose runs; a rewrite that no longer matches fails the tier loudly.
 */
export async function nginxConfig(
  dir: string,
  listen: number,
  upstreams: number[],
): Promise<string> {
  let conf = await readFile(join(ROOT, 'apps/api/deploy/nginx.conf'), 'utf8');
  const replace = (pattern: RegExp, by: string): void => {
    if (!pattern.test(conf)) {
      throw new Error(`apps/api/deploy/nginx.conf no longer has ${pattern}`);
    }
    conf = conf.replace(pattern, by);
  };
  upstreams.forEach((port, i) =>
    replace(new RegExp(`server api${i + 1}:3000`), `server 127.0.0.1:${port}`),
  );
  replace(/listen 8080;/, `listen 127.0.0.1:${listen};`);
  // Own pid, logs and temporary files, so that it needs nothing of the system's nginx.
  replace(/^events \{/m, `pid ${dir}/nginx.pid;\nerror_log ${dir}/nginx-error.log warn;\nevents {`);
  replace(
    /^http \{/m,
    [
      'http {',
      `  access_log off;`,
      `  client_body_temp_path ${dir}/nginx-body;`,
      `  proxy_temp_path ${dir}/nginx-proxy;`,
      `  fastcgi_temp_path ${dir}/nginx-fastcgi;`,
      `  uwsgi_temp_path ${dir}/nginx-uwsgi;`,
      `  scgi_temp_path ${dir}/nginx-scgi;`,
      // For the tests only: which instance answered.
      `  add_header X-Upstream $upstream_addr always;`,
    ].join('\n'),
  );
  return conf;
}

async function startNginx(dir: string, port: number, upstreams: number[]): Promise<number> {
  const conf = join(dir, 'nginx.conf');
  await writeFile(conf, await nginxConfig(dir, port, upstreams));
  const log = join(dir, 'nginx-error.log');
  const fd = openSync(join(dir, 'nginx.out'), 'a');
  const child = spawn(
    'nginx',
    ['-p', dir, '-c', conf, '-e', log, '-g', isRoot() ? 'daemon off; user root;' : 'daemon off;'],
    { stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  child.unref();
  await waitFor(
    'nginx answering',
    async () => (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).ok,
    20_000,
    join(dir, 'nginx.out'),
  );
  return child.pid!;
}

export async function startTopology(): Promise<TopologyState> {
  const dir = await mkdtemp(join(tmpdir(), 'madoguchi-deploy-'));
  if (isRoot()) {
    const { uid, gid } = postgresIds();
    await chown(dir, uid, gid);
  }
  await chmod(dir, 0o755);
  const state: TopologyState = {
    dir,
    primary: { dataDir: join(dir, 'primary'), port: await freePort() },
    replica: { dataDir: join(dir, 'replica'), port: await freePort() },
    apis: [],
    nginx: { port: await freePort(), pid: 0, log: join(dir, 'nginx-error.log') },
  };
  writeState(state);
  try {
    await makePrimary(dir, state.primary.port);
    await makeReplica(dir, state.primary.port, state.replica.port);
    // The one-shot migrate service, before either API serves.
    await run(process.execPath, [MIGRATE_JS, 'up'], apiEnv(state, 0));
    for (const i of [0, 1]) {
      state.apis[i] = { port: await freePort(), pid: 0, log: '' };
    }
    // One after the other: the first loads the demo data, the second finds it there.
    await startApi(state, 0);
    await startApi(state, 1);
    state.nginx.pid = await startNginx(
      dir,
      state.nginx.port,
      state.apis.map((a) => a.port),
    );
    writeState(state);
    return state;
  } catch (error) {
    await stopTopology(state);
    throw error;
  }
}

function postgresIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) {
    throw new Error('running as root needs a `postgres` system user (apt-get install postgresql)');
  }
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Stops everything the topology started, whatever state it is in, and removes its folder. */
export async function stopTopology(state: TopologyState): Promise<void> {
  // Re-read: the tests restart processes and record their new ids.
  const current = ((): TopologyState => {
    try {
      return JSON.parse(readFileSync(join(state.dir, 'state.json'), 'utf8')) as TopologyState;
    } catch {
      return state;
    }
  })();
  for (const api of current.apis) {
    if (api.pid) {
      kill(api.pid, 'SIGKILL');
    }
  }
  if (current.nginx.pid) {
    kill(current.nginx.pid, 'SIGTERM');
  }
  for (const dataDir of [current.replica.dataDir, current.primary.dataDir]) {
    await stopCluster(dataDir, 'immediate').catch(() => undefined);
  }
  if (!process.env.KEEP_DEPLOY_DIR) {
    await rm(current.dir, { recursive: true, force: true });
  }
}
