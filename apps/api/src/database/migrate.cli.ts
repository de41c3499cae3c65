import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, parseEnv } from '../config/app-env';
import { dataSourceOptions } from './data-source-options';
import { resolveDatabase } from './database-url';
import { migrateDatabase } from './migrate';

/**
 * `npm run db:migrate` applies pending migrations as the owner (MIGRATION_DATABASE_URL, else
 * DATABASE_URL) and grants the runtime role; `npm run db:revert` undoes the last one.
 */
async function main(): Promise<void> {
  const command = process.argv[2] ?? 'up';
  const env = parseEnv(process.env);
  const database = await resolveDatabase(env, (m) => console.error(m));
  const dataSource = new DataSource(
    dataSourceOptions({
      databaseUrl: database.migrationUrl,
      pool: { max: 2, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS, statementTimeoutMs: 0 },
      applicationName: 'madoguchi-migrate',
    }),
  );
  try {
    if (command === 'up') {
      const applied = await migrateDatabase(database, {
        connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
      });
      console.error(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to migrate.');
      if (database.runtimeRole) {
        console.error(`Granted the runtime role "${database.runtimeRole}" its privileges.`);
      }
    } else if (command === 'revert') {
      await dataSource.initialize();
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.error('Reverted the last migration.');
    } else {
      throw new Error(`Unknown command "${command}" (use "up" or "revert")`);
    }
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
