import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { grantRuntimeRole } from './runtime-grants';

// Any fixed 64-bit key works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK_KEY = 0x6d61646f; // "mado"

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so that several instances starting
 * together migrate once and the others wait, then find nothing to do.
 */
async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Applies pending migrations under the advisory lock; answers the names applied. */
export function migrateWithLock(dataSource: DataSource): Promise<string[]> {
  return withMigrationLock(dataSource, async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  });
}

export interface MigrationTarget {
  /** The owner's URL. */
  migrationUrl: string;
  /** The role the API serves with, when it is not the owner: granted its privileges afterwards. */
  runtimeRole: string | null;
}

/** PostgreSQL's "insufficient privilege". */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Everything the owner does before the API serves: the migrations, pg-boss's schema (the API
 * may not create schemas), and the runtime role's privileges, all under one lock so that
 * concurrent migrators never race on a GRANT. Run with the runtime role itself (no owner URL
 * given), it only checks that nothing is pending.
 */
export async function migrateDatabase(
  target: MigrationTarget,
  options: { connectTimeoutMs: number },
): Promise<string[]> {
  const dataSource = new DataSource(
    dataSourceOptions({
      databaseUrl: target.migrationUrl,
      pool: { max: 2, connectTimeoutMs: options.connectTimeoutMs, statementTimeoutMs: 0 },
      applicationName: 'madoguchi-migrate',
    }),
  );
  await dataSource.initialize();
  try {
    return await withMigrationLock(dataSource, async () => {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      await installJobQueueSchema(target.migrationUrl);
      if (target.runtimeRole) {
        await grantRuntimeRole(dataSource, target.runtimeRole);
      }
      return applied.map((m) => m.name);
    });
  } catch (error) {
    if ((error as { code?: string }).code === INSUFFICIENT_PRIVILEGE) {
      throw new Error(
        `The database user may not change the schema (${(error as Error).message}): run the ` +
          `migrations as the owner (MIGRATION_DATABASE_URL, or the migrate service) first.`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    await dataSource.destroy().catch(() => undefined);
  }
}

/** pg-boss creates or upgrades its `pgboss` schema on start; as the owner, then stopped at once. */
async function installJobQueueSchema(connectionString: string): Promise<void> {
  const boss = new PgBoss({ connectionString, max: 1, supervise: false, schedule: false });
  let failure: Error | null = null;
  boss.on('error', (error: Error) => {
    failure ??= error;
  });
  await boss.start();
  await boss.stop({ graceful: false, wait: true, timeout: 1000 });
  if (failure) {
    throw failure as Error;
  }
}
