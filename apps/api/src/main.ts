import 'reflect-metadata';
import { resolve } from 'node:path';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { ConfigError, parseEnv } from './config/app-env';
import { toSettings } from './config/settings';
import { createApp } from './create-app';
import { resolveDatabase } from './database/database-url';
import { migrateDatabase } from './database/migrate';
import { seedDatabase } from './seed/seed';
import { shutDown } from './shutdown';

// dist/api/apps/api/src/main.js → dist/console, wherever the tree was unpacked.
const BUILT_CONSOLE_DIR = resolve(__dirname, '../../../../console');

async function main(): Promise<void> {
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const log = pino({ level: env.LOG_LEVEL, name: 'boot' });

  const database = await resolveDatabase(env, (message) => log.info(message));
  const embedded = database.embedded;
  const settings = toSettings(
    env,
    { url: database.url, embedded: embedded !== undefined },
    { consoleDir: BUILT_CONSOLE_DIR },
  );

  let closing = false;
  const stop = async (signal: string): Promise<void> => {
    if (closing) {
      return;
    }
    closing = true;
    log.info({ signal }, 'Shutting down');
    const timer = setTimeout(() => {
      log.error('Shutdown took too long; exiting');
      process.exit(1);
    }, settings.shutdownGraceMs);
    timer.unref();
    try {
      if (app) {
        await shutDown(app, settings);
      }
    } finally {
      await embedded?.stop();
      log.info('Stopped');
      process.exit(0);
    }
  };
  process.once('SIGINT', (s) => void stop(s));
  process.once('SIGTERM', (s) => void stop(s));

  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    // As the owner, before the app (and its job queue) touches the database as the runtime role.
    const applied = await migrateDatabase(database, {
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
    });
    if (applied.length > 0) {
      log.info({ migrations: applied }, 'Applied migrations');
    }
    app = await createApp(settings);
    const seeded = await seedDatabase(app.get(DataSource), {
      demo: settings.demoData,
      appSecret: settings.appSecret,
    });
    await app.listen({ port: settings.port, host: settings.host });
    log.info(
      `Madoguchi is serving the console at http://localhost:${settings.port}/ and the API at /api`,
    );
    if (seeded.demoPassword) {
      log.warn(
        `Demo mode: sign in as admin@example.jp, manager@example.jp, operator@example.jp, kanto@example.jp, ` +
          `kinki@example.jp, expert1@example.jp or expert2@example.jp with the password "${seeded.demoPassword}"`,
      );
    }
  } catch (error) {
    log.fatal({ err: error }, 'Could not start');
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  // Failures before the logger exists (e.g. the embedded database cannot start): say why, briefly.
  process.stderr.write(
    `Madoguchi could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
