import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { parseEnv } from '../../src/config/app-env';
import { type Settings, toSettings } from '../../src/config/settings';
import type { AppOptions } from '../../src/app.module';
import { createApp } from '../../src/create-app';
import { asRuntimeRole, cloneTemplate } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  db: DataSource;
  settings: Settings;
  close: () => Promise<void>;
}

/** The real application on its own freshly cloned database. Call `close()` in afterAll. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<TestApp> {
  const database = await cloneTemplate();
  const settings = toSettings(
    // Job workers start only in the tests about them.
    parseEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DB_POOL_MAX: '4',
      JOBS_ENABLED: 'false',
      ...env,
    }),
    { url: asRuntimeRole(database.url), embedded: false },
    { consoleDir: null },
  );
  const app = await createApp(settings, options);
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: () => request(app.getHttpServer()),
    db: app.get(DataSource),
    settings,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
