import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { adminQuery, withDatabase } from '../database/database-url';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { migrateWithLock } from '../database/migrate';
import { generateSchemaTypes, SCHEMA_TYPES_FILE } from '../database/schema-types';

/**
 * Regenerates the committed row types from the schema the migrations build: on a scratch
 * database of DATABASE_URL's server (or a throw-away embedded PostgreSQL), migrate, introspect,
 * write, drop. The API e2e tier fails when the committed file is stale.
 */
async function main(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (!adminUrl) {
    dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-codegen-pg-'));
    const embedded = await startEmbeddedPostgres({
      dataDir,
      database: 'madoguchi_codegen',
      log: () => undefined,
    });
    adminUrl = embedded.url;
    stop = () => embedded.stop();
  }
  const scratch = `madoguchi_codegen_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, (c) => c.query(`CREATE DATABASE "${scratch}"`));
  try {
    const dataSource = new DataSource(
      dataSourceOptions({
        databaseUrl: withDatabase(adminUrl, scratch),
        pool: { max: 2, connectTimeoutMs: 5000, statementTimeoutMs: 60000 },
        applicationName: 'madoguchi-codegen',
      }),
    );
    await dataSource.initialize();
    try {
      await migrateWithLock(dataSource);
    } finally {
      await dataSource.destroy();
    }
    await writeFile(SCHEMA_TYPES_FILE, await generateSchemaTypes(withDatabase(adminUrl, scratch)));
    console.warn(`Wrote ${SCHEMA_TYPES_FILE}.`);
  } finally {
    await adminQuery(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`));
    await stop?.();
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
