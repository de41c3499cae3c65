import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { migrateWithLock } from '../../src/database/migrate';
import { seedReferenceData } from '../../src/seed/seed';
import {
  adminQuery,
  ENV_ADMIN_URL,
  ENV_RUN_ID,
  ENV_TEMPLATE_DB,
  newRunId,
  withDatabase,
} from './test-database';

declare global {
  var __madoguchiTestDb:
    { adminUrl: string; template: string; runId: string; stop?: () => Promise<void> } | undefined;
}

/** Uses DATABASE_URL when set (CI), otherwise starts a throw-away embedded PostgreSQL. */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-test-pg-'));
    const embedded = await startEmbeddedPostgres({
      dataDir,
      database: 'madoguchi_test',
      log: () => undefined,
    });
    adminUrl = embedded.url;
    stop = embedded.stop;
  }
  const runId = newRunId();
  const template = `madoguchi_tmpl_${runId}`;
  await adminQuery(adminUrl, (c) => c.query(`CREATE DATABASE "${template}"`));
  const dataSource = new DataSource(
    dataSourceOptions({
      databaseUrl: withDatabase(adminUrl, template),
      pool: { max: 2, connectTimeoutMs: 5000, statementTimeoutMs: 60000 },
      applicationName: 'madoguchi-test-setup',
    }),
  );
  await dataSource.initialize();
  try {
    await migrateWithLock(dataSource);
    await dataSource.transaction((db) => seedReferenceData(db));
  } finally {
    await dataSource.destroy();
  }
  process.env[ENV_ADMIN_URL] = adminUrl;
  process.env[ENV_TEMPLATE_DB] = template;
  process.env[ENV_RUN_ID] = runId;
  globalThis.__madoguchiTestDb = { adminUrl, template, runId, stop };
}
