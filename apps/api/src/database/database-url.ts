import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { AppEnv } from '../config/app-env';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  /** Present when this process started the embedded PostgreSQL and must stop it. */
  embedded?: EmbeddedDatabase;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR/pg. */
export async function resolveDatabase(
  env: AppEnv,
  log: (message: string) => void,
): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL };
  }
  const dataDir = join(resolve(env.DATA_DIR), 'pg');
  log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${dataDir}`);
  const embedded = await startEmbeddedPostgres({
    dataDir,
    database: 'madoguchi',
    log: () => undefined,
  });
  return { url: embedded.url, embedded };
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
