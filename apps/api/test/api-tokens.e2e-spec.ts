import { makeUser } from './support/factories';
import { signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

describe('API tokens and staff accounts: no more than the owner may do', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses a token for another user with a role above that user’s, naming the field', async () => {
    const admin = await signInAs(t, 'admin');
    const operator = await makeUser(t, { role: 'operator' });
    const above = await admin
      .post('/api/api-tokens', { name: 'escalate', role: 'admin', userId: operator.id })
      .expect(400);
    expect(above.body.details[0].field).toBe('role');
    await admin
      .post('/api/api-tokens', { name: 'manager too', role: 'manager', userId: operator.id })
      .expect(400);
    await admin
      .post('/api/api-tokens', { name: 'own role', role: 'operator', userId: operator.id })
      .expect(201);
    // An admin's own token may act with any role.
    await admin.post('/api/api-tokens', { name: 'reporting', role: 'manager' }).expect(201);
  });

  it('limits a token to its scopes: read, write, or delivering mail only', async () => {
    const admin = await signInAs(t, 'admin');
    const issue = async (scopes?: string[]) =>
      (
        await admin
          .post('/api/api-tokens', {
            name: `scopes ${scopes?.join('+') ?? 'default'}`,
            role: 'admin',
            ...(scopes ? { scopes } : {}),
          })
          .expect(201)
      ).body as { token: string; scopes: string[] };
    const as = (token: string) => ({
      get: (path: string) => t.http().get(path).set('authorization', `Bearer ${token}`),
      post: (path: string, body: object = {}) =>
        t.http().post(path).set('authorization', `Bearer ${token}`).send(body),
    });
    const deliver = (token: string) =>
      t
        .http()
        .post('/api/mailboxes/00000000-0000-4000-8000-000000000000/messages')
        .set('authorization', `Bearer ${token}`)
        .set('content-type', 'message/rfc822')
        .send('Subject: x\r\n\r\nbody');

    const full = await issue();
    expect(full.scopes).toEqual(['read', 'write']);
    await as(full.token).post('/api/api-tokens', { name: 'by token', role: 'manager' }).expect(201);

    const reader = await issue(['read']);
    await as(reader.token).get('/api/audit').expect(200);
    const refused = await as(reader.token)
      .post('/api/api-tokens', { name: 'escalate', role: 'manager' })
      .expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await deliver(reader.token).expect(403);

    const mta = await issue(['mail_ingest']);
    await as(mta.token).get('/api/audit').expect(403);
    await as(mta.token).get('/api/cases').expect(403);
    // Past the guard: the mailbox does not exist.
    await deliver(mta.token).expect(404);

    const listed = await admin.get('/api/api-tokens').expect(200);
    expect(
      listed.body.items.find((i: { prefix: string }) => mta.token.startsWith(i.prefix)).scopes,
    ).toEqual(['mail_ingest']);
    const bad = await admin
      .post('/api/api-tokens', { name: 'bad', role: 'manager', scopes: ['everything'] })
      .expect(400);
    expect(bad.body.details[0].field).toBe('scopes');
    await admin.post('/api/api-tokens', { name: 'none', role: 'manager', scopes: [] }).expect(400);
  });

  it('refuses an expiry in the past', async () => {
    const admin = await signInAs(t, 'admin');
    const res = await admin
      .post('/api/api-tokens', {
        name: 'expired already',
        role: 'manager',
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
      })
      .expect(400);
    expect(res.body.details[0].field).toBe('expiresAt');
  });

  it('normalizes staff emails (NFKC, lower case), so a full-width twin cannot sit beside one', async () => {
    const admin = await signInAs(t, 'admin');
    await admin
      .post('/api/users', {
        email: 'Kanto.Desk@example.jp',
        displayName: '関東 一郎',
        role: 'desk_staff',
        deskId: 'kanto',
      })
      .expect(201);
    const twin = await admin
      .post('/api/users', {
        email: 'ｋａｎｔｏ．ｄｅｓｋ＠ｅｘａｍｐｌｅ．ｊｐ',
        displayName: '関東 二郎',
        role: 'desk_staff',
        deskId: 'kanto',
      })
      .expect(409);
    expect(twin.body.code).toBe('USER_EMAIL_TAKEN');
    const listed = await admin.get('/api/users?q=kanto.desk').expect(200);
    const emails = (listed.body.items ?? listed.body).map((u: { email: string }) => u.email);
    expect(emails).toContain('kanto.desk@example.jp');
  });
});
