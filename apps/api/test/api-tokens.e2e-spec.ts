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
