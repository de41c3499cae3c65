import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { MIGRATIONS } from '@madoguchi/migrations';
import { GuardedClient } from './guarded-client';

export interface DatabaseSettings {
  databaseUrl: string;
  pool: {
    max: number;
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    /** Registered statements as named ones (GuardedClient); true when absent. */
    preparedStatements?: boolean;
  };
  applicationName?: string;
}

/**
 * The one set of DataSource options, used by the app, the migration CLI and the tests,
 * so that what runs in production is what was tested.
 */
export function dataSourceOptions(db: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: db.databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    namingStrategy: new SnakeNamingStrategy(),
    // Timestamps are instants; the API formats them, the database never guesses a zone.
    extra: {
      Client: GuardedClient,
      preparedStatements: db.pool.preparedStatements,
      max: db.pool.max,
      connectionTimeoutMillis: db.pool.connectTimeoutMs,
      statement_timeout: db.pool.statementTimeoutMs,
      idle_in_transaction_session_timeout: db.pool.statementTimeoutMs * 2,
      application_name: db.applicationName ?? 'madoguchi-api',
      options: '-c timezone=UTC',
    },
  };
}
