import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { migrateDatabase } from '../src/database/migrate';
import { intakeBody } from './support/factories';
import { createAppOn } from './support/second-app';
import { signIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';
import {
  adminQuery,
  asOwner,
  asRuntimeRole,
  ENV_ADMIN_URL,
  ENV_RUNTIME_ROLE,
  scratchDatabase,
} from './support/test-database';

const run = promisify(execFile);

/** pg_dump refuses a newer server: Debian keeps one set of client binaries per major version. */
function clientBinaries(major: number): string | null {
  const dir = `/usr/lib/postgresql/${major}/bin`;
  return existsSync(join(dir, 'pg_dump')) && existsSync(join(dir, 'pg_restore')) ? dir : null;
}

const REPORT = '/api/reports/caseload?from=2026-04-01&to=2027-03-31&groupBy=month,channel';

/**
 * docs/operations.md, "Backup and restore", as an operator would do it: a custom-format dump of a
 * populated instance, restored into a new database, and the API started on the copy.
 */
describe('backup and restore with pg_dump -Fc and pg_restore', () => {
  let t: TestApp;
  let bin: string | null = null;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    const [{ major }] = await adminQuery(process.env[ENV_ADMIN_URL]!, (c) =>
      c.query<{ major: number }>(
        `SELECT current_setting('server_version_num')::int / 10000 AS major`,
      ),
    ).then((r) => r.rows as [{ major: number }]);
    bin = clientBinaries(major);
    if (!bin) {
      // The embedded test server is newer than Debian's client binaries: DATABASE_URL's runs it.
      console.warn(`backup-restore: no pg_dump for PostgreSQL ${major} on this machine; skipped`);
    }
    dir = await mkdtemp(join(tmpdir(), 'madoguchi-backup-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('restores numbering, sign-in and reports into a new database the API starts on', async () => {
    if (!bin) {
      return;
    }
    const operator = await signInAs(t, 'operator');
    const manager = await signInAs(t, 'manager');
    let last = '';
    for (let i = 0; i < 5; i += 1) {
      const created = await operator
        .post('/api/cases', intakeBody({ channel: i % 2 ? 'email' : 'phone' }))
        .expect(201);
      last = created.body.number as string;
    }
    const before = await manager.get(REPORT).expect(200);
    expect(before.body.totalCases).toBeGreaterThanOrEqual(5);

    const dump = join(dir, 'madoguchi.dump');
    await run(join(bin, 'pg_dump'), ['-Fc', '-f', dump, asOwner(t.settings.databaseUrl)]);
    expect((await stat(dump)).size).toBeGreaterThan(10_000);

    const restored = await scratchDatabase();
    try {
      // As the owner, so that ownership and the runtime role's grants come back as they were.
      await run(join(bin, 'pg_restore'), ['--exit-on-error', '-d', restored.url, dump]);
      // What `npm start` does first: nothing is pending, and the grants are applied again.
      const runtimeRole = process.env[ENV_RUNTIME_ROLE]!.split(':')[0]!;
      expect(
        await migrateDatabase(
          { migrationUrl: restored.url, runtimeRole },
          { connectTimeoutMs: 5000 },
        ),
      ).toEqual([]);
      const copy = await createAppOn(t, {}, asRuntimeRole(restored.url));
      try {
        // The same staff sign in with the same passwords.
        const operatorAgain = await signIn(copy, operator.user);
        const managerAgain = await signIn(copy, manager.user);
        const after = await managerAgain.get(REPORT).expect(200);
        // The figures, not the moment they were read (`dataAsOf` is the primary's clock).
        const figures = ({ dataAsOf: _, ...rest }: Record<string, unknown>) => rest;
        expect(figures(after.body)).toEqual(figures(before.body));
        // The next case takes the number after the last one made before the dump.
        const next = await operatorAgain.post('/api/cases', intakeBody()).expect(201);
        const [year, seq] = last.split('-');
        expect(next.body.number).toBe(
          `${year}-${String(Number(seq) + 1).padStart(seq!.length, '0')}`,
        );
        await request(copy.app.getHttpServer()).get('/api/health/ready').expect(200);
      } finally {
        await copy.close();
      }
    } finally {
      await restored.drop();
    }
  });
});
