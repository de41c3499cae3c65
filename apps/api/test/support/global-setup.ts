import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { migrateDatabase } from '../../src/database/migrate';
import { seedReferenceData } from '../../src/seed/seed';
import {
  adminQuery,
  ENV_ADMIN_URL,
  ENV_RUN_ID,
  ENV_RUNTIME_ROLE,
  ENV_TEMPLATE_DB,
  newRunId,
  runtimeRoleName,
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
  // Every test app serves as a role that owns nothing, granted by the migrator as in production:
  // the whole suite then proves that the grants cover everything the API does.
  const runtimeRole = runtimeRoleName(runId);
  const runtimePassword = randomBytes(12).toString('hex');
  await adminQuery(adminUrl, async (c) => {
    await c.query(`CREATE DATABASE "${template}"`);
    await c.query(`CREATE ROLE ${runtimeRole} LOGIN PASSWORD '${runtimePassword}'`);
  });
  const templateUrl = withDatabase(adminUrl, template);
  await migrateDatabase({ migrationUrl: templateUrl, runtimeRole }, { connectTimeoutMs: 5000 });
  const dataSource = new DataSource(
    dataSourceOptions({
      databaseUrl: templateUrl,
      pool: { max: 2, connectTimeoutMs: 5000, statementTimeoutMs: 60000 },
      applicationName: 'madoguchi-test-setup',
    }),
  );
  await dataSource.initialize();
  try {
    await dataSource.transaction((db) => seedReferenceData(db));
  } finally {
    await dataSource.destroy();
  }
  process.env[ENV_ADMIN_URL] = adminUrl;
  process.env[ENV_TEMPLATE_DB] = template;
  process.env[ENV_RUN_ID] = runId;
  process.env[ENV_RUNTIME_ROLE] = `${runtimeRole}:${runtimePassword}`;
  globalThis.__madoguchiTestDb = { adminUrl, template, runId, stop };
}
