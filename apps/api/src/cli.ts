import 'reflect-metadata';
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
import { UsersService } from './modules/users/users.service';

const USAGE = `Usage: npm run cli -- user:create --email <email> --name <display name> --role <role> [--desk <desk id>]

Creates a staff account with a temporary password (printed once), to be changed at first sign-in.
Roles: ${ROLES.join(', ')}. Uses DATABASE_URL, or the embedded database when it is unset.`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'user:create') {
    console.error(USAGE);
    process.exit(command ? 64 : 0);
  }
  const { values } = parseArgs({
    args: rest,
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
    const created = await app.get(UsersService).create(
      {
        email: values.email.trim().toLowerCase(),
        displayName: values.name,
        role: values.role as Role,
        deskId: values.desk,
      },
      { principal: null, ip: null, requestId: 'cli', userAgent: 'madoguchi-cli' },
    );
    console.error(`Created ${created.user.role} ${created.user.email}.`);
    console.error(`Temporary password (change it at first sign-in): ${created.temporaryPassword}`);
  } finally {
    await app.close();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
