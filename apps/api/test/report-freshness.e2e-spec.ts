import { signInAs, type SignedIn } from './support/sessions';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Reports say as of when their figures were current. A replica that is behind is exercised in
 * the deployment tier (a real pg_basebackup replica with replay paused); here: the primary, and
 * a reporting database that cannot be reached, which must never cost the report its answer.
 */
describe.each([
  ['without a reporting replica', {}],
  // Nothing listens on port 1: the replica is down, so reports and exports read the primary.
  [
    'with the reporting replica unreachable',
    { REPORTS_DATABASE_URL: 'postgres://x@127.0.0.1:1/x' },
  ],
])('reports %s', (_name, env: Record<string, string>) => {
  let t: TestApp;
  let manager: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(env);
    manager = await signInAs(t, 'manager');
  });
  afterAll(() => t.close());

  it('answer with dataAsOf now, in the body and in X-Data-As-Of', async () => {
    const before = Date.now();
    const res = await manager.get('/api/reports/caseload?groupBy=channel').expect(200);
    const asOf = Date.parse(res.body.dataAsOf as string);
    expect(asOf).toBeGreaterThanOrEqual(before - 1000);
    expect(asOf).toBeLessThanOrEqual(Date.now());
    expect(res.headers['x-data-as-of']).toBe(res.body.dataAsOf);
  });

  it('say it on downloads and on the streamed case export too', async () => {
    const before = Date.now();
    for (const url of ['/api/reports/sla?format=csv', '/api/reports/export?format=csv']) {
      const res = await manager.get(url).expect(200);
      expect(Date.parse(res.headers['x-data-as-of'] as string)).toBeGreaterThanOrEqual(
        before - 1000,
      );
    }
  });
});
