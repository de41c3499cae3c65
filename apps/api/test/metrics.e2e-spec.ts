import { signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

const TOKEN = 'metrics-token-for-the-e2e-tests-0123456789';

describe('Prometheus metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  it('answers only with the metrics token', async () => {
    await t.http().get('/api/metrics').expect(401);
    await t.http().get('/api/metrics').set('authorization', 'Bearer wrong-token').expect(401);
    // A staff session is not a metrics token either.
    const admin = await signInAs(t, 'admin');
    await admin.get('/api/metrics').expect(401);
  });

  it('reports request latency by route pattern, the pool, queues, outbox, SLA breaches and the roll-up queue', async () => {
    const operator = await signInAs(t, 'operator');
    const created = await operator
      .post('/api/cases', {
        channel: 'phone',
        organization: { name: '計測商事' },
        topics: ['ICT.SEC'],
        subject: '計測',
      })
      .expect(201);
    await operator.get(`/api/cases/${created.body.id}`).expect(200);
    const res = await t
      .http()
      .get('/api/metrics')
      .set('authorization', `Bearer ${TOKEN}`)
      .expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.text;
    // The route pattern, never the case's id.
    expect(text).toMatch(
      /madoguchi_http_request_duration_seconds_count\{method="GET",route="\/api\/cases\/:id",status="2xx"\} 1/,
    );
    expect(text).toMatch(
      /madoguchi_http_request_duration_seconds_count\{method="POST",route="\/api\/cases",status="2xx"\} 1/,
    );
    expect(text).not.toContain(created.body.id);
    expect(text).toMatch(/madoguchi_db_pool_connections\{state="in_use"\} \d+/);
    expect(text).toMatch(/madoguchi_db_pool_connections\{state="waiting"\} 0/);
    expect(text).toMatch(/madoguchi_mail_outbox_backlog \d+/);
    expect(text).toMatch(/madoguchi_sla_breached_open_cases\{clock="first_response"\} \d+/);
    expect(text).toContain('madoguchi_process_cpu_seconds_total');
    // The intake queued its case for the report roll-ups (the case, then its topics); without
    // jobs in this app nothing has counted it yet.
    expect(text).toMatch(/madoguchi_report_queue\{measure="cases"\} 2\n/);
    expect(text).toMatch(/madoguchi_report_queue\{measure="oldest_seconds"\} \d/);
  });

  it('does not exist without a token configured', async () => {
    const off = await createTestApp();
    try {
      await off.http().get('/api/metrics').set('authorization', `Bearer ${TOKEN}`).expect(404);
    } finally {
      await off.close();
    }
  });
});
