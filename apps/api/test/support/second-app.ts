import request from 'supertest';
import { DataSource } from 'typeorm';
import { parseEnv } from '../../src/config/app-env';
import { toSettings } from '../../src/config/settings';
import { createApp } from '../../src/create-app';
import type { TestApp } from './test-app';

/**
 * Another instance of the application on the database of an existing test app, like a second
 * API process behind a load balancer: its own connection pool, nothing shared in memory.
 * `close()` closes only this instance; the first app still owns (and drops) the database.
 */
export async function createAppOn(
  first: TestApp,
  env: Record<string, string> = {},
  /** Reach the same database another way, e.g. through a fault-injecting proxy. */
  databaseUrl: string = first.settings.databaseUrl,
): Promise<TestApp> {
  const settings = toSettings(
    parseEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DB_POOL_MAX: '4',
      JOBS_ENABLED: 'false',
      ...env,
    }),
    { url: databaseUrl, embedded: false },
    { consoleDir: null },
  );
  const app = await createApp(settings);
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: () => request(app.getHttpServer()),
    db: app.get(DataSource),
    settings,
    close: () => app.close(),
  };
}
