import { createAppOn } from './support/second-app';
import { signIn, type SignedIn } from './support/sessions';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { makeUser } from './support/factories';
import { type TestApp, createTestApp } from './support/test-app';

/**
 * When PostgreSQL goes away, is restarting or has no connection to spare, the API says so —
 * 503 with a stable code and Retry-After, at once — instead of a 500 after a long wait.
 */
describe('database faults', () => {
  let first: TestApp;
  let proxy: TcpProxy;
  let app: TestApp;
  let operator: SignedIn;

  beforeAll(async () => {
    first = await createTestApp();
    proxy = await startTcpProxy(first.settings.databaseUrl);
    app = await createAppOn(first, { DB_CONNECT_TIMEOUT_MS: '2000' }, proxy.url);
    operator = await signIn(app, await makeUser(first, { role: 'operator' }));
  });
  afterAll(async () => {
    await app.close();
    await proxy.close();
    await first.close();
  });

  it('answers 503 DATABASE_UNAVAILABLE fast while PostgreSQL refuses connections, and recovers', async () => {
    await operator.get('/api/cases?limit=1').expect(200);
    await proxy.cut();
    try {
      const started = Date.now();
      const res = await operator.get('/api/cases?limit=1');
      const took = Date.now() - started;
      expect(res.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(res.status).toBe(503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(took).toBeLessThan(1000);

      const ready = await app.http().get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.headers['retry-after']).toBeDefined();
      await app.http().get('/api/health/live').expect(200);
    } finally {
      await proxy.restore();
    }
    // Connections the cut broke are dropped from the pool; the next requests get fresh ones.
    let status = 0;
    for (let attempt = 0; attempt < 5 && status !== 200; attempt += 1) {
      status = (await operator.get('/api/cases?limit=1')).status;
    }
    expect(status).toBe(200);
    await app.http().get('/api/health/ready').expect(200);
  });

  it('answers 503 DATABASE_BUSY when no pool connection frees up in time', async () => {
    // The timeout also bounds opening a connection, which takes more than 300 ms on a loaded CI
    // machine: two seconds keep the test about a full pool, not about a slow fork.
    const narrow = await createAppOn(first, { DB_POOL_MAX: '2', DB_CONNECT_TIMEOUT_MS: '2000' });
    try {
      const staff = await signIn(narrow, await makeUser(first, { role: 'operator' }));
      const held = [narrow.db.createQueryRunner(), narrow.db.createQueryRunner()];
      await Promise.all(held.map((h) => h.connect()));
      try {
        const res = await staff.get('/api/cases?limit=1');
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('DATABASE_BUSY');
        expect(res.headers['retry-after']).toBe('1');
      } finally {
        await Promise.all(held.map((h) => h.release()));
      }
      await staff.get('/api/cases?limit=1').expect(200);
    } finally {
      await narrow.close();
    }
  });
});
