import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { AppModule } from './app.module';
import { ROLES, type Role } from './common/auth/roles';
import { ConfigError, parseEnv } from './config/app-env';
import { toSettings } from './config/settings';
import { resolveDatabase } from './database/database-url';
import { migrateDatabase } from './database/migrate';
import { seedReferenceData } from './seed/seed';
import {
  RegistryImportService,
  type RegistryImportProgress,
} from './modules/corporate-registry/registry-import.service';
import {
  REGISTRY_ENCODINGS,
  type RegistryEncoding,
} from './modules/corporate-registry/registry-source';
import { SmeReclassificationService } from './modules/organizations/sme-reclassification.service';
import { UsersService } from './modules/users/users.service';
import { exportInstance } from './modules/handover/handover-export';
import { HandoverError } from './modules/handover/handover-format';
import { importInstance } from './modules/handover/handover-import';
import { terminalProgress } from './modules/handover/handover-progress';
import { dataSourceOptions } from './database/data-source-options';

const USAGE = `Usage: npm run cli -- user:create --email <email> --name <display name> --role <role> [--desk <desk id>]
       npm run cli -- organizations:reclassify-sme [--batch-size <n>]
       npm run cli -- registry import <file.zip|file.csv> [--encoding sjis|utf8] [--again]
       npm run cli -- export --out <file> [--passphrase-env <VAR>] [--with-password-hashes]
       npm run cli -- import --in <file> [--passphrase-env <VAR>]

user:create creates a staff account with a temporary password (printed once), to be changed at
first sign-in. Roles: ${ROLES.join(', ')}.
organizations:reclassify-sme recomputes every organization's SME verdict under the current rule
(run it once after an upgrade that changes the rule) and prints how many changed.
registry import loads a National Tax Agency corporate-number file (full data or a daily difference
file, zipped or not; the encoding is told from the bytes unless given). Stopped, it continues from
its last committed line when started again on the same file; --again re-imports a finished file.
export writes the whole instance as a hand-over archive (docs/handover-format.md), sealed with the
passphrase in the environment variable VAR when given; password hashes, two-factor secrets and
token hashes only with --with-password-hashes. import loads such an archive into an empty instance
(migrated first), in one transaction, and prints what it loaded.
All use DATABASE_URL, or the embedded database when it is unset; pending migrations are applied
first, as MIGRATION_DATABASE_URL's owner when it is set.`;

const CLI_ACTOR = { principal: null, ip: null, requestId: 'cli', userAgent: 'madoguchi-cli' };

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'user:create') {
    await createUser(rest);
  } else if (command === 'organizations:reclassify-sme') {
    await reclassifySme(rest);
  } else if (command === 'registry' && rest[0] === 'import') {
    await importRegistry(rest.slice(1));
  } else if (command === 'export') {
    await exportArchive(rest);
  } else if (command === 'import') {
    await importArchive(rest);
  } else {
    console.error(USAGE);
    process.exit(command ? 64 : 0);
  }
}

/** The application (without HTTP) on a migrated database, for one command. */
async function withApp(run: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  const env = parseEnv({ ...process.env, LOG_LEVEL: 'error' });
  const database = await resolveDatabase(env, (m) => console.error(m));
  await migrateDatabase(database, { connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS });
  const settings = toSettings(env, { url: database.url, embedded: false }, { consoleDir: null });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(settings), {
    logger: ['error'],
  });
  try {
    await app.get(DataSource).transaction((db) => seedReferenceData(db));
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

async function importRegistry(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { encoding: { type: 'string' }, again: { type: 'boolean' } },
  });
  const encoding = values.encoding as RegistryEncoding | undefined;
  const [file] = positionals;
  if (!file || positionals.length > 1 || (encoding && !REGISTRY_ENCODINGS.includes(encoding))) {
    console.error(USAGE);
    process.exit(64);
  }
  await withApp(async (app) => {
    const progress = registryProgress();
    const started = performance.now();
    try {
      const result = await app
        .get(RegistryImportService)
        .importFile(file, { encoding, again: values.again, onProgress: progress.update });
      progress.stop();
      if (result.status === 'already-imported') {
        console.error(
          `${result.fileName} was imported already (run ${result.runId}, ${result.lines} lines); --again imports it once more.`,
        );
        return;
      }
      for (const refusal of result.refused) {
        console.error(`  line ${refusal.line}: ${refusal.reason}`);
      }
      console.error(
        `Imported ${result.fileName} (${result.encoding}, run ${result.runId}): ${result.lines} lines` +
          (result.resumedAfterLine ? `, continued after line ${result.resumedAfterLine}` : '') +
          `, ${result.applied} rows inserted or changed, ${result.skipped} refused, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
    } finally {
      progress.stop();
    }
  });
}

/** A progress bar on a terminal; a plain line every few seconds in a log. */
function registryProgress(): {
  update: (p: RegistryImportProgress) => void;
  stop: () => void;
} {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      stream: process.stderr,
      format: '{bar} {percentage}% | {lines} lines | {applied} applied | ETA {eta_formatted}',
    });
    let started = false;
    return {
      update: (p) => {
        if (!started) {
          bar.start(p.totalBytes, 0, { lines: 0, applied: 0 });
          started = true;
        }
        bar.update(p.bytesRead, { lines: p.lines, applied: p.applied });
      },
      stop: () => {
        if (started) {
          bar.stop();
          started = false;
        }
      },
    };
  }
  let last = 0;
  return {
    update: (p) => {
      if (Date.now() - last >= 5000) {
        last = Date.now();
        const percent = p.totalBytes ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 0;
        console.error(
          `… ${percent}% read, ${p.lines} lines, ${p.applied} applied, ${p.skipped} refused`,
        );
      }
    },
    stop: () => undefined,
  };
}

/**
 * The database alone (no application), as the schema's owner: the hand-over import sets its
 * constraints and triggers aside and its sequences forward, which the API's runtime role may not.
 */
async function withDatabaseUrl(
  migrate: boolean,
  run: (url: string) => Promise<void>,
): Promise<void> {
  const env = parseEnv({ ...process.env, LOG_LEVEL: 'error' });
  const database = await resolveDatabase(env, (m) => console.error(m));
  try {
    if (migrate) {
      // An empty instance is what a first start makes: the latest schema and its reference data.
      await migrateDatabase(database, { connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS });
      const dataSource = new DataSource(
        dataSourceOptions({
          databaseUrl: database.migrationUrl,
          pool: { max: 1, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS, statementTimeoutMs: 0 },
          applicationName: 'madoguchi-cli',
        }),
      );
      await dataSource.initialize();
      try {
        await dataSource.transaction((db) => seedReferenceData(db));
      } finally {
        await dataSource.destroy();
      }
    }
    await run(database.migrationUrl);
  } finally {
    await database.embedded?.stop();
  }
}

function passphraseFrom(variable: string | undefined): string | undefined {
  if (variable === undefined) {
    return undefined;
  }
  const value = process.env[variable];
  if (!value) {
    console.error(`The environment variable ${variable} (--passphrase-env) is unset or empty.`);
    process.exit(64);
  }
  return value;
}

async function exportArchive(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      'passphrase-env': { type: 'string' },
      'with-password-hashes': { type: 'boolean', default: false },
    },
  });
  if (!values.out) {
    console.error(USAGE);
    process.exit(64);
  }
  const out = values.out;
  const passphrase = passphraseFrom(values['passphrase-env']);
  await withDatabaseUrl(false, async (databaseUrl) => {
    const started = Date.now();
    const manifest = await exportInstance({
      databaseUrl,
      out,
      passphrase,
      withCredentials: values['with-password-hashes'],
      progress: terminalProgress('export'),
    });
    const rows = manifest.files.reduce((n, f) => n + f.rows, 0);
    console.error(
      `Exported ${rows} rows of ${manifest.files.length} tables (schema ${manifest.schemaVersion}, format ${manifest.formatVersion}) ` +
        `to ${out}${passphrase ? ', encrypted' : ''}${manifest.withCredentials ? ', with credentials' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  });
}

async function importArchive(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { in: { type: 'string' }, 'passphrase-env': { type: 'string' } },
  });
  if (!values.in) {
    console.error(USAGE);
    process.exit(64);
  }
  const path = values.in;
  const passphrase = passphraseFrom(values['passphrase-env']);
  await withDatabaseUrl(true, async (databaseUrl) => {
    const started = Date.now();
    const report = await importInstance({
      databaseUrl,
      in: path,
      passphrase,
      progress: terminalProgress('import'),
    });
    for (const t of report.tables) {
      console.error(`  ${t.table.padEnd(26)} ${String(t.rows).padStart(10)} rows`);
    }
    console.error(
      `Imported ${report.totalRows} rows of ${report.tables.length} tables (schema ${report.schemaVersion}` +
        `${report.upgradedFrom === null ? '' : `, upgraded from format ${report.upgradedFrom}`}); hashes and counts verified, ` +
        `${report.indexes} indexes built, ${report.foreignKeys} foreign keys re-checked, ${report.sequences} sequences restored` +
        `${report.rollupsRebuilt ? ', report roll-ups rebuilt' : ''}, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    console.error(
      `  (${Object.entries(report.seconds)
        .map(([step, s]) => `${step} ${s.toFixed(1)} s`)
        .join(', ')})`,
    );
  });
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError || error instanceof HandoverError
      ? error.message
      : error instanceof Error
        ? error.message
        : error,
  );
  process.exit(1);
});
