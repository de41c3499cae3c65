import { intake, listCases, load, type Session, signIn, sleep, tally } from './support/http';
import {
  readState,
  REPORTS_MAX_LAG_SECONDS,
  restartPrimary,
  sql,
  type TopologyState,
  waitFor,
} from './support/topology';

let s: TopologyState;
let proxy: string;
let operator: Session;
let manager: Session;

beforeAll(async () => {
  s = readState();
  proxy = `http://127.0.0.1:${s.nginx.port}`;
  operator = await signIn(proxy, 'operator@example.jp');
  manager = await signIn(proxy, 'manager@example.jp');
});

interface Report {
  status: number;
  dataAsOf: number;
  header: number;
}

async function caseload(): Promise<Report> {
  const res = await fetch(`${proxy}/api/reports/caseload?groupBy=channel`, {
    headers: { cookie: manager.cookie },
  });
  const body = (await res.json()) as { dataAsOf: string };
  return {
    status: res.status,
    dataAsOf: Date.parse(body.dataAsOf),
    header: Date.parse(res.headers.get('x-data-as-of') ?? ''),
  };
}

async function exported(): Promise<{ status: number; csv: string; asOf: number }> {
  const res = await fetch(`${proxy}/api/reports/export?format=csv`, {
    headers: { cookie: manager.cookie },
  });
  return {
    status: res.status,
    csv: await res.text(),
    asOf: Date.parse(res.headers.get('x-data-as-of') ?? ''),
  };
}

async function newCase(label: string): Promise<{ id: string; number: string; at: number }> {
  const created = await intake(proxy, operator, label);
  expect(created.status).toBe(201);
  const [row] = await sql<{ number: string; at: Date }>(
    s.primary.port,
    `SELECT number, created_at AS at FROM "case" WHERE id = $1`,
    [created.id],
  );
  return { id: created.id!, number: row!.number, at: row!.at.getTime() };
}

describe('the reporting replica lagging (replay paused)', () => {
  afterAll(() => sql(s.replica.port, `SELECT pg_wal_replay_resume()`));

  it('still answers reports, says as of when, and reads the primary past the bound', async () => {
    // A change the replica has, then replay stops: everything after it is missing there.
    const seen = await newCase('遅延前');
    await waitFor(
      'the replica replaying it',
      async () =>
        (await sql(s.replica.port, `SELECT 1 FROM "case" WHERE id = $1`, [seen.id])).length === 1,
      10_000,
    );
    await sql(s.replica.port, `SELECT pg_wal_replay_pause()`);
    const missing = await newCase('遅延中');

    // Within the bound: the replica answers, as of its last replayed change, before `missing`.
    const stale = await caseload();
    expect(stale.status).toBe(200);
    expect(stale.dataAsOf).toBeLessThan(missing.at);
    expect(stale.dataAsOf).toBeGreaterThanOrEqual(seen.at - 1000);
    expect(stale.header).toBe(stale.dataAsOf);
    const staleExport = await exported();
    expect(staleExport.status).toBe(200);
    expect(staleExport.csv).toContain(seen.number);
    expect(staleExport.csv).not.toContain(missing.number);
    expect(staleExport.asOf).toBeLessThan(missing.at);

    // Past REPORTS_MAX_LAG_SECONDS: the primary answers, current, `missing` included.
    await sleep(REPORTS_MAX_LAG_SECONDS * 1000 + 500);
    const before = Date.now();
    const current = await caseload();
    expect(current.status).toBe(200);
    expect(current.dataAsOf).toBeGreaterThanOrEqual(before - 1000);
    const currentExport = await exported();
    expect(currentExport.csv).toContain(missing.number);
    expect(currentExport.asOf).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('the reporting replica cut off from the primary (WAL receiver disconnected)', () => {
  let conninfo = '';
  const streaming = async (): Promise<boolean> =>
    (await sql(s.replica.port, `SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming'`))
      .length === 1;

  afterAll(async () => {
    if (conninfo) {
      await sql(
        s.replica.port,
        `ALTER SYSTEM SET primary_conninfo = '${conninfo.replace(/'/g, "''")}'`,
      );
      await sql(s.replica.port, `SELECT pg_reload_conf()`);
      await waitFor('the replica streaming again', streaming, 30_000);
    }
  });

  // A replica that has replayed everything it *received* is not current when it receives nothing:
  // after a primary restart its receiver reconnects only seconds later. It must not claim "now".
  it('never says "as of now" for data it has not received', async () => {
    const seen = await newCase('切断前');
    await waitFor(
      'the replica replaying it',
      async () =>
        (await sql(s.replica.port, `SELECT 1 FROM "case" WHERE id = $1`, [seen.id])).length === 1,
      10_000,
    );
    const [row] = await sql<{ primary_conninfo: string }>(s.replica.port, `SHOW primary_conninfo`);
    conninfo = row!.primary_conninfo;
    // Port 1 refuses: the receiver stops and keeps failing to reconnect until restored.
    await sql(s.replica.port, `ALTER SYSTEM SET primary_conninfo = 'host=127.0.0.1 port=1'`);
    await sql(s.replica.port, `SELECT pg_reload_conf()`);
    await waitFor('the receiver to stop', async () => !(await streaming()), 10_000);
    const missing = await newCase('切断中');

    const report = await caseload();
    expect(report.status).toBe(200);
    expect(report.header).toBe(report.dataAsOf);
    const file = await exported();
    expect(file.status).toBe(200);
    // Either the replica answered, as of before `missing`, or the primary did, with it.
    if (file.csv.includes(missing.number)) {
      expect(file.asOf).toBeGreaterThanOrEqual(missing.at - 1000);
    } else {
      expect(file.asOf).toBeLessThan(missing.at);
      expect(report.dataAsOf).toBeLessThan(missing.at);
    }
  });
});

describe('the primary restarted (pg_ctl restart -m fast) under intake load', () => {
  it('answers 503 DATABASE_UNAVAILABLE with Retry-After meanwhile, recovers, loses no 201', async () => {
    let running = true;
    const writes = load(
      3,
      () => running,
      () => intake(proxy, operator, '再起動試験'),
    );
    const reads = load(
      2,
      () => running,
      () => listCases(proxy, operator),
    );
    await sleep(1000);
    const restartAt = Date.now();
    await restartPrimary(s);
    const backAt = Date.now();
    await sleep(4000);
    running = false;
    const outcomes = [...(await writes), ...(await reads)];
    const counts = tally(outcomes);

    // Only answers the API gives on purpose: no 500, no 502 from nginx, no dropped connection.
    const unexpected = outcomes.filter(
      (o) =>
        ![200, 201].includes(o.status) && !(o.status === 503 && o.code?.startsWith('DATABASE_')),
    );
    expect({ counts, unexpected }).toEqual({ counts, unexpected: [] });
    const refused = outcomes.filter((o) => o.status === 503);
    expect(refused.some((o) => o.code === 'DATABASE_UNAVAILABLE')).toBe(true);
    expect(refused.every((o) => Number(o.retryAfter) > 0)).toBe(true);
    // The outage is the restart: nothing is refused once the pools have reconnected.
    const outside = refused
      .filter((o) => o.end < restartAt || o.start > backAt + 2000)
      .map((o) => ({
        ...o,
        start: o.start - restartAt,
        end: o.end - restartAt,
        back: backAt - restartAt,
      }));
    expect(outside).toEqual([]);
    expect(outcomes.some((o) => o.status === 201 && o.start > backAt)).toBe(true);

    const ids = outcomes.filter((o) => o.status === 201).map((o) => o.id);
    const [row] = await sql<{ n: number }>(
      s.primary.port,
      `SELECT count(*)::int AS n FROM "case" WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(row?.n).toBe(ids.length);
  });
});
