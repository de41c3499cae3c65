import http from 'node:http';
import { Client } from 'pg';
import request from 'supertest';
import { Draining } from '../src/common/lifecycle/draining';
import { shutDown } from '../src/shutdown';
import { makeUser } from './support/factories';
import { sessionHeaders } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

/** How a streamed download ended, as its client sees it. */
type Ending = 'complete' | 'cut-off';

interface Download {
  status: Promise<number>;
  ending: Promise<Ending>;
}

/** A raw HTTP download, so a transfer cut off mid-stream is told apart from a finished one. */
function download(base: string, path: string, cookie: string): Download {
  let resolveStatus: (s: number) => void = () => undefined;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const ending = new Promise<Ending>((resolve) => {
    const req = http.get(`${base}${path}`, { headers: { cookie } }, (res) => {
      resolveStatus(res.statusCode ?? 0);
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.complete ? 'complete' : 'cut-off'));
      res.on('error', () => resolve('cut-off'));
      res.on('aborted', () => resolve('cut-off'));
    });
    req.on('error', () => {
      resolveStatus(0);
      resolve('cut-off');
    });
  });
  return { status, ending };
}

/**
 * Holds the expert-session table locked, so a case export (which counts sessions per row) waits
 * inside its query with its place taken — while the case list, which does not read that table,
 * still answers.
 */
async function stallExports(url: string): Promise<() => Promise<void>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE expert_session IN ACCESS EXCLUSIVE MODE');
  return async () => {
    await client.query('COMMIT');
    await client.end();
  };
}

async function cookieOf(t: TestApp, role: 'manager' | 'operator'): Promise<string> {
  return (await sessionHeaders(t, await makeUser(t, { role }))).cookie;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) {
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(check()).toBe(true);
}

describe('long reads: their own pool and limits', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({ EXPORT_CONCURRENCY: '2', EXPORT_PER_USER: '1' });
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
  });
  afterAll(() => t.close());

  it('admits one export per person and two in all, refuses the rest with 429, and staff keep working', async () => {
    const [first, second, third] = [
      await cookieOf(t, 'manager'),
      await cookieOf(t, 'manager'),
      await cookieOf(t, 'manager'),
    ];
    const operator = await cookieOf(t, 'operator');
    const draining = t.app.get(Draining);
    const release = await stallExports(t.settings.databaseUrl);
    try {
      const running = download(base, '/api/reports/export?format=csv', first);
      await until(() => draining.running === 1);

      const again = await request(base).get('/api/reports/export?format=csv').set('cookie', first);
      expect(again.status).toBe(429);
      expect(again.body.code).toBe('EXPORT_LIMIT_REACHED');
      expect(again.headers['retry-after']).toBe('15');
      // The staff case export counts against the same places.
      const list = await request(base).get('/api/cases/export').set('cookie', first);
      expect(list.status).toBe(429);

      const other = download(base, '/api/reports/export?format=xlsx', second);
      await until(() => draining.running === 2);
      const full = await request(base).get('/api/reports/export?format=csv').set('cookie', third);
      expect(full.status).toBe(429);
      expect(full.body.code).toBe('EXPORT_LIMIT_REACHED');

      // Two exports hold their cursors, yet the API's own pool (4 here) is untouched.
      const started = Date.now();
      for (let i = 0; i < 6; i += 1) {
        await request(base).get('/api/cases?limit=20').set('cookie', operator).expect(200);
      }
      expect(Date.now() - started).toBeLessThan(5000);
      const { rows } = await adminRows(
        t.settings.databaseUrl,
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE application_name = 'madoguchi-export' AND state <> 'idle'`,
      );
      expect(rows[0]?.n).toBe(2);

      await release();
      expect(await running.status).toBe(200);
      expect(await running.ending).toBe('complete');
      expect(await other.ending).toBe('complete');
      await until(() => draining.running === 0);
      await request(base).get('/api/reports/export?format=csv').set('cookie', first).expect(200);
    } finally {
      await release().catch(() => undefined);
    }
  });
});

describe('shutdown: 503 and no new connections at once, downloads cut off at their own grace', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({ EXPORT_SHUTDOWN_GRACE_MS: '400', SHUTDOWN_GRACE_MS: '5000' });
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
  });
  afterAll(() => t.close().catch(() => undefined));

  it('answers 503 on open connections, refuses new ones, and cuts a still-running export off as a failed transfer', async () => {
    const manager = await cookieOf(t, 'manager');
    const draining = t.app.get(Draining);
    await request(base).get('/api/health/ready').expect(200);
    const release = await stallExports(t.settings.databaseUrl);
    try {
      const running = download(base, '/api/reports/export?format=csv', manager);
      await until(() => draining.running === 1);

      // Draining alone (the first step of shutDown): whatever still reaches the instance on an
      // open connection is refused with 503 at once.
      void draining.drain(t.settings.exports.shutdownGraceMs);
      const started = Date.now();
      const ready = await request(base).get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.code).toBe('SHUTTING_DOWN');
      const fresh = await request(base).get('/api/cases').set('cookie', manager);
      expect(fresh.status).toBe(503);
      expect(fresh.headers['retry-after']).toBe('5');
      expect(fresh.headers['connection']).toBe('close');
      // Then no new connection is taken, so that a proxy tries another instance, POSTs included.
      const stopping = shutDown(t.app, t.settings);
      await expect(request(base).get('/api/health/ready')).rejects.toThrow(/ECONNREFUSED/);
      expect(Date.now() - started).toBeLessThan(400);

      // The client had its 200 and the header row, and never an ending that looks whole.
      expect(await running.status).toBe(200);
      expect(await running.ending).toBe('cut-off');
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      await release();
      await stopping;
    } finally {
      await release().catch(() => undefined);
    }
  });
});

async function adminRows(url: string, sql: string): Promise<{ rows: { n: number }[] }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<{ n: number }>(sql);
  } finally {
    await client.end();
  }
}
