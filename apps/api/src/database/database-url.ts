import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { AppEnv } from '../config/app-env';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  /** The runtime role's URL: what the API serves with. */
  url: string;
  /** The owner's URL: what migrations run with (the same as `url` with one role). */
  migrationUrl: string;
  /** The role the migrator grants the runtime privileges to; null when the API runs as the owner. */
  runtimeRole: string | null;
  /** Present when this process started the embedded PostgreSQL and must stop it. */
  embedded?: EmbeddedDatabase;
}

/**
 * DATABASE_URL (runtime) and MIGRATION_DATABASE_URL (owner, defaulting to DATABASE_URL) when set;
 * otherwise the embedded PostgreSQL under DATA_DIR/pg, whose superuser migrates and whose
 * `madoguchi_app` role serves.
 */
export async function resolveDatabase(
  env: AppEnv,
  log: (message: string) => void,
): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) {
    const migrationUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
    return {
      url: env.DATABASE_URL,
      migrationUrl,
      runtimeRole: env.DATABASE_RUNTIME_ROLE ?? runtimeRoleOf(env.DATABASE_URL, migrationUrl),
    };
  }
  const dataDir = join(resolve(env.DATA_DIR), 'pg');
  log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${dataDir}`);
  const embedded = await startEmbeddedPostgres({
    dataDir,
    database: 'madoguchi',
    log: () => undefined,
  });
  return {
    url: embedded.runtime.url,
    migrationUrl: embedded.url,
    runtimeRole: embedded.runtime.role,
    embedded,
  };
}

/** The runtime URL's user when the owner's URL names another one; otherwise there is one role. */
export function runtimeRoleOf(url: string, migrationUrl: string): string | null {
  const user = (u: string) => decodeURIComponent(new URL(u).username);
  const runtime = user(url);
  return runtime && runtime !== user(migrationUrl) ? runtime : null;
}

/** The same server's URL for another database on it. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** One short-lived connection for administrative statements (CREATE/DROP DATABASE). */
export async function adminQuery<T>(
  adminUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
