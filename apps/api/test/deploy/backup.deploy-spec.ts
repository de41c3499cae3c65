import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intake, signIn } from './support/http';
import {
  apiEnv,
  databaseUrl,
  freePort,
  MAIN_JS,
  PG_BIN,
  readState,
  ROOT,
  run,
  sql,
  type TopologyState,
  waitFor,
} from './support/topology';

const REPORT = '/api/reports/caseload?groupBy=channel';

/**
 * docs/operations.md, "Backup and restore", on the tier's PostgreSQL 15 (Debian's client
 * binaries match it, whatever server the API e2e tests run on): a custom-format dump of the
 * populated primary, restored into a new database, and an API process started on the copy.
 */
describe('backup and restore', () => {
  let s: TopologyState;
  let dir: string;
  let restored: { pid: number; port: number } | undefined;

  beforeAll(async () => {
    s = readState();
    dir = await mkdtemp(join(tmpdir(), 'madoguchi-backup-'));
  });
  afterAll(async () => {
    if (restored) {
      process.kill(restored.pid, 'SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('restores numbering, sign-in and reports into a new database an API starts on', async () => {
    const proxy = `http://127.0.0.1:${s.nginx.port}`;
    const operator = await signIn(proxy, 'operator@example.jp');
    for (let i = 0; i < 3; i += 1) {
      expect((await intake(proxy, operator, `バックアップ前${i}`)).status).toBe(201);
    }
    const manager = await signIn(proxy, 'manager@example.jp');
    const read = async (base: string, cookie: string) => {
      const res = await fetch(`${base}${REPORT}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      // When the figures were read differs by nature; the figures may not.
      const { dataAsOf, ...figures } = (await res.json()) as Record<string, unknown>;
      return { asOf: Date.parse(String(dataAsOf)), figures };
    };
    // The proxy's instances report from the replica: wait until it has replayed everything the
    // primary has written (the earlier tests leave it behind, and after the primary's restart its
    // WAL receiver reconnects late), so the figures are the ones being dumped.
    const [{ lsn }] = (await sql<{ lsn: string }>(
      s.primary.port,
      `SELECT pg_current_wal_lsn()::text AS lsn`,
    )) as [{ lsn: string }];
    await waitFor(
      'the replica to replay the last intake',
      async () =>
        (
          await sql<{ done: boolean }>(
            s.replica.port,
            `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done`,
            [lsn],
          )
        )[0]?.done === true,
      60_000,
    );
    const before = await read(proxy, manager.cookie);
    const [last] = await sql<{ number: string }>(
      s.primary.port,
      `SELECT number FROM "case" ORDER BY created_at DESC, number DESC LIMIT 1`,
    );

    const dump = join(dir, 'madoguchi.dump');
    await run(join(PG_BIN, 'pg_dump'), ['-Fc', '-f', dump, databaseUrl(s.primary.port)]);
    await sql(s.primary.port, `CREATE DATABASE madoguchi_restored`);
    await run(join(PG_BIN, 'pg_restore'), [
      '--exit-on-error',
      '-d',
      databaseUrl(s.primary.port, 'madoguchi_restored'),
      dump,
    ]);

    // The copy serves on its own: no demo data loaded over it, no reporting replica, no jobs.
    const port = await freePort();
    const log = join(dir, 'restored-api.log');
    const fd = openSync(log, 'a');
    const { REPORTS_DATABASE_URL: _replica, ...env } = apiEnv(s, port);
    const child = spawn(process.execPath, [MAIN_JS], {
      env: {
        ...env,
        DATABASE_URL: databaseUrl(s.primary.port, 'madoguchi_restored'),
        DEMO_DATA: 'false',
        JOBS_ENABLED: 'false',
      },
      cwd: ROOT,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    restored = { pid: child.pid!, port };
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      'the API on the restored copy ready',
      async () => (await fetch(`${base}/api/health/ready`)).ok,
      120_000,
      log,
    );

    // The same people sign in, the reports answer the same, and numbering goes on.
    const restoredManager = await signIn(base, 'manager@example.jp');
    expect((await read(base, restoredManager.cookie)).figures).toEqual(before.figures);
    const restoredOperator = await signIn(base, 'operator@example.jp');
    const next = await intake(base, restoredOperator, 'バックアップ後');
    expect(next.status).toBe(201);
    const [created] = await sql<{ number: string }>(
      s.primary.port,
      `SELECT number FROM "case" WHERE id = $1`,
      [next.id],
    );
    // The new case exists in the copy only, with the number after the last one dumped.
    expect(created).toBeUndefined();
    const opened = await fetch(`${base}/api/cases/${next.id}`, {
      headers: { cookie: restoredOperator.cookie },
    });
    const body = (await opened.json()) as { number: string };
    const [fy, seq] = last!.number.split('-');
    expect(body.number).toBe(`${fy}-${String(Number(seq) + 1).padStart(seq!.length, '0')}`);
  });
});
