import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { parseArgs } from 'node:util';
import { AppModule } from './app.module';
import { ROLES, type Role } from './common/auth/roles';
import { ConfigError, parseEnv } from './config/app-env';
import { toSettings } from './config/settings';
import { resolveDatabase } from './database/database-url';
import { migrateWithLock } from './database/migrate';
import { seedReferenceData } from './seed/seed';
import { SmeReclassificationService } from './modules/organizations/sme-reclassification.service';
import { UsersService } from './modules/users/users.service';

const USAGE = `Usage: npm run cli -- user:create --email <email> --name <display name> --role <role> [--desk <desk id>]
       npm run cli -- organizations:reclassify-sme [--batch-size <n>]

user:create creates a staff account with a temporary password (printed once), to be changed at
first sign-in. Roles: ${ROLES.join(', ')}.
organizations:reclassify-sme recomputes every organization's SME verdict under the current rule
(run it once after an upgrade that changes the rule) and prints how many changed.
Both use DATABASE_URL, or the embedded database when it is unset.`;

const CLI_ACTOR = { principal: null, ip: null, requestId: 'cli', userAgent: 'madoguchi-cli' };

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'user:create') {
    await createUser(rest);
  } else if (command === 'organizations:reclassify-sme') {
    await reclassifySme(rest);
  } else {
    console.error(USAGE);
    process.exit(command ? 64 : 0);
  }
}

/** The application (without HTTP) on a migrated database, for one command. */
async function withApp(run: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  const env = parseEnv({ ...process.env, LOG_LEVEL: 'error' });
  const database = await resolveDatabase(env, (m) => console.error(m));
  const settings = toSettings(env, { url: database.url, embedded: false }, { consoleDir: null });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(settings), {
    logger: ['error'],
  });
  try {
    const dataSource = app.get(DataSource);
    await migrateWithLock(dataSource);
    await dataSource.transaction((db) => seedReferenceData(db));
    await run(app);
  } finally {
    await app.close();
    await database.embedded?.stop();
  }
}

async function createUser(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      desk: { type: 'string' },
    },
  });
  if (!values.email || !values.name || !values.role || !ROLES.includes(values.role as Role)) {
    console.error(USAGE);
    process.exit(64);
  }
  const { email, name, role, desk } = values;
  await withApp(async (app) => {
    const created = await app
      .get(UsersService)
      .create(
        { email: email.trim().toLowerCase(), displayName: name, role: role as Role, deskId: desk },
        CLI_ACTOR,
      );
    console.error(`Created ${created.user.role} ${created.user.email}.`);
    console.error(`Temporary password (change it at first sign-in): ${created.temporaryPassword}`);
  });
}

async function reclassifySme(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'batch-size': { type: 'string' } } });
  const batchSize = Number(values['batch-size'] ?? 1000);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    console.error(USAGE);
    process.exit(64);
  }
  await withApp(async (app) => {
    const result = await app.get(SmeReclassificationService).reclassifyAll(CLI_ACTOR, {
      batchSize,
      onBatch: (progress) =>
        console.error(`… ${progress.scanned} read, ${progress.changed} changed`),
    });
    const transitions = Object.entries(result.transitions)
      .map(([transition, count]) => `${transition}: ${count}`)
      .join(', ');
    console.error(
      `Reclassified ${result.scanned} organizations: ${result.changed} changed${transitions ? ` (${transitions})` : ''}` +
        (result.skipped
          ? `, ${result.skipped} edited meanwhile and left as their edit stored them`
          : '') +
        '.',
    );
  });
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
