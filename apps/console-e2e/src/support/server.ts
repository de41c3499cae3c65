import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export const ROOT = resolve(__dirname, '../../../..');
export const ENV_BASE_URL = 'MADOGUCHI_E2E_BASE_URL';

export interface RunningServer {
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  dropDatabase?: () => Promise<void>;
}

async function freePort(): Promise<number> {
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

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Starts `node dist/api/.../main.js` as a user would: with DATABASE_URL on a fresh database
 * when one is given, otherwise on its own embedded PostgreSQL in a temporary data directory.
 */
export async function startServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    CONSOLE_DIR: join(ROOT, 'dist/console'),
    // A test that needs its own settings (e.g. an SMTP sink) starts its own server.
    ...extraEnv,
  };
  let dropDatabase: (() => Promise<void>) | undefined;
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const name = `madoguchi_e2e_${randomBytes(4).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } else {
    env.DATA_DIR = await mkdtemp(join(tmpdir(), 'madoguchi-e2e-'));
    // Run as root, PostgreSQL is started as the postgres user, which must be able to enter it.
    await chmod(env.DATA_DIR, 0o755);
  }
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, 'dist/api/apps/api/src/main.js')], {
    env,
    cwd: ROOT,
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with ${child.exitCode}:\n${output}`);
    }
    const ready = await fetch(`${baseUrl}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) {
      return { baseUrl, child, output: () => output, dropDatabase };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`The server did not become ready in 90 s:\n${output}`);
}

/** SIGTERM lets the server close and stop its embedded PostgreSQL; SIGKILL only as a last resort. */
export async function stopServer(server: RunningServer): Promise<void> {
  if (server.child.exitCode === null) {
    const exited = new Promise<void>((ok) => server.child.once('exit', () => ok()));
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  await server.dropDatabase?.();
}
