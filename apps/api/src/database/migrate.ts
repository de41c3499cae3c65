import type { DataSource } from 'typeorm';

// Any fixed 64-bit key works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK_KEY = 0x6d61646f; // "mado"

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so that several
 * instances starting together migrate once and the others wait, then find nothing to do.
 */
export async function migrateWithLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
