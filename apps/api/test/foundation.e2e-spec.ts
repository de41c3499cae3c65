import { MIGRATIONS } from '@madoguchi/migrations';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { StaffLoad } from '../src/common/lifecycle/staff-load';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrateWithLock } from '../src/database/migrate';
import { intakeBody, makeUser } from './support/factories';
import { sessionHeaders, signInAs } from './support/sessions';
import { until } from './support/until';
import { type TestApp, createTestApp } from './support/test-app';
import { adminQuery, ENV_ADMIN_URL, ENV_RUN_ID, withDatabase } from './support/test-database';

describe('foundation (HTTP cross-cutting behaviour)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => t.close());

  it('answers liveness without touching the database', async () => {
    const res = await t.http().get('/api/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers readiness after pinging the database', async () => {
    await t.http().get('/api/health/ready').expect(200, { status: 'ok' });
  });

  it('echoes a well-formed X-Request-Id and mints one otherwise', async () => {
    const echoed = await t.http().get('/api/health/live').set('x-request-id', 'call-42');
    expect(echoed.headers['x-request-id']).toBe('call-42');
    const minted = await t.http().get('/api/health/live').set('x-request-id', 'bad id with spaces');
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown API route with 404 in the error shape', async () => {
    const res = await t.http().get('/api/no-such-thing').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await t
      .http()
      .post('/api/health/live')
      .set('content-type', 'application/json')
      .send('{"subject": "unterminated')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
  });

  it('answers an oversized body with 413', async () => {
    const res = await t
      .http()
      .post('/api/health/live')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(10_000) }))
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('names the broken constraint and its limits in each field error, for the console to word', async () => {
    const operator = await signInAs(t, 'operator');
    const res = await operator
      .post('/api/cases', {
        channel: 'phone',
        organization: { name: '制約名テスト' },
        contact: { name: '窓口 花子', email: 'not-an-email' },
        topics: [],
        subject: 'x'.repeat(201),
      })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'subject',
          constraint: 'isLength',
          params: { min: 1, max: 200 },
        }),
        expect.objectContaining({ field: 'contact.email', constraint: 'isEmail' }),
        expect.objectContaining({
          field: 'topics',
          constraint: 'arrayMinSize',
          params: { min: 1 },
        }),
      ]),
    );
    // A rule checked by hand, not by a decorator, still names a constraint.
    const bad = await operator.get('/api/cases/not-a-uuid').expect(400);
    for (const detail of [...res.body.details, ...bad.body.details] as { constraint: unknown }[]) {
      expect(typeof detail.constraint).toBe('string');
    }
  });

  it('answers NUL characters and absurd nesting with 400 naming the field, never 500', async () => {
    const operator = await signInAs(t, 'operator');
    const body = await operator.post('/api/organizations', { name: '窓口\u0000商事' }).expect(400);
    expect(body.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'name', message: expect.stringMatching(/NUL/) }],
    });
    const nested = await operator
      .post('/api/cases', { channel: 'phone', organization: { name: { a: { b: 'x\u0000' } } } })
      .expect(400);
    expect(nested.body.details[0].field).toBe('organization.name.a.b');
    const query = await operator.get('/api/cases?q=%00').expect(400);
    expect(query.body.details[0].field).toBe('q');
    const orgQuery = await operator.get('/api/organizations?q=a%00b').expect(400);
    expect(orgQuery.body.details[0].field).toBe('q');

    let deep: unknown = 'x';
    for (let i = 0; i < 200; i += 1) {
      deep = { d: deep };
    }
    const tooDeep = await operator
      .post('/api/organizations', { name: 'X', notes: deep })
      .expect(400);
    expect(tooDeep.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ message: expect.stringMatching(/nested/) }],
    });
    expect(tooDeep.body.details[0].field).toMatch(/^notes\.d\.d/);
  });

  it('sends security headers on every response: a script policy without inline code, no framing', async () => {
    for (const path of ['/api/health/live', '/api/no-such-thing', '/api/docs']) {
      const res = await t.http().get(path);
      const csp = res.headers['content-security-policy'] as string;
      const directives = new Map(
        csp.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name, values] as const;
        }),
      );
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      // Plain HTTP outside production: no HSTS that would pin a developer's localhost to HTTPS.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  describe('requests in flight, which streaming exports step aside for', () => {
    const busy = () => t.app.get(StaffLoad).busy;
    const idle = () =>
      until(() => Promise.resolve(!busy()), 'no request in flight', {
        timeoutMs: 5_000,
        intervalMs: 10,
      });
    /** A client on its own connection that sends `head` and `body` and hangs up when told. */
    const rawClient = async (head: string[], body: string): Promise<Socket> => {
      if (!t.app.getHttpServer().listening) {
        await t.app.listen(0, '127.0.0.1');
      }
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
      return socket;
    };

    it('counts a request until its answer is sent', async () => {
      await Promise.all([1, 2, 3].map(() => t.http().get('/api/health/live').expect(200)));
      await t.http().get('/api/no-such-thing').expect(404);
      expect(busy()).toBe(false);
    });

    it('stops counting a request whose client hung up before sending all of its body', async () => {
      const socket = await rawClient(
        [
          'POST /api/cases HTTP/1.1',
          'Host: x',
          'Content-Type: application/json',
          'Content-Length: 100',
        ],
        '{"channel"',
      );
      await until(() => Promise.resolve(busy()), 'the request in flight', {
        timeoutMs: 5_000,
        intervalMs: 10,
      });
      socket.destroy();
      await idle();
    });

    it('stops counting a request whose client hung up while it was being answered', async () => {
      const { cookie, csrf } = await sessionHeaders(t, await makeUser(t, { role: 'operator' }));
      // A first case, so that the fiscal year's number row exists to be held.
      await t
        .http()
        .post('/api/cases')
        .set('cookie', cookie)
        .set('x-csrf-token', csrf)
        .send(intakeBody())
        .expect(201);
      const holder = t.db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      try {
        await holder.query(`SELECT 1 FROM case_number_sequence FOR UPDATE`);
        const body = JSON.stringify(intakeBody());
        const socket = await rawClient(
          [
            'POST /api/cases HTTP/1.1',
            'Host: x',
            'Content-Type: application/json',
            `Content-Length: ${Buffer.byteLength(body)}`,
            `Cookie: ${cookie}`,
            `X-CSRF-Token: ${csrf}`,
          ],
          body,
        );
        // The whole body is in and the intake waits for the number: the client leaves.
        await until(
          async () =>
            // Not in the holder's transaction, which would see one snapshot of the activity.
            (
              await t.db.query(
                `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%case_number_sequence%'`,
              )
            ).length > 0,
          'the intake waiting for its number',
          { timeoutMs: 5_000, intervalMs: 20 },
        );
        expect(busy()).toBe(true);
        socket.destroy();
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        await holder.commitTransaction();
        await holder.release();
      }
      // The answer went to a closed connection; the request counts no more.
      await idle();
    });
  });

  it('serves the OpenAPI document and its UI', async () => {
    const doc = await t.http().get('/api/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/health/live', '/api/health/ready']),
    );
    const ui = await t.http().get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('has applied the migrations and loaded the reference data', async () => {
    const [{ desks }] = await t.db.query(`SELECT count(*)::int AS desks FROM desk`);
    expect(desks).toBe(12);
    const coverage = await t.db.query(`SELECT count(*)::int AS n FROM desk_prefecture`);
    expect(coverage[0].n).toBe(47);
    const [tokyo] = await t.db.query(
      `SELECT desk_id FROM desk_prefecture WHERE prefecture_code = '13'`,
    );
    expect(tokyo.desk_id).toBe('kanto');
  });
});

describe('migrations under the advisory lock', () => {
  it('lets several instances start together: one migrates, the others wait and find nothing to do', async () => {
    const adminUrl = process.env[ENV_ADMIN_URL]!;
    const name = `madoguchi_t_${process.env[ENV_RUN_ID]!}_lock`;
    await adminQuery(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    const sources = [1, 2, 3].map(
      () =>
        new DataSource(
          dataSourceOptions({
            databaseUrl: withDatabase(adminUrl, name),
            pool: { max: 2, connectTimeoutMs: 5000, statementTimeoutMs: 60000 },
          }),
        ),
    );
    try {
      await Promise.all(sources.map((s) => s.initialize()));
      const applied = await Promise.all(sources.map((s) => migrateWithLock(s)));
      const counts = applied.map((names) => names.length).sort();
      expect(counts).toEqual([0, 0, MIGRATIONS.length]);
      const [{ n }] = await sources[0]!.query(`SELECT count(*)::int AS n FROM schema_migration`);
      expect(n).toBe(MIGRATIONS.length);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
      await adminQuery(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });
});
