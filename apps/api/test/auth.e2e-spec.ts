import request from 'supertest';
import { currentTotp } from '../src/modules/auth/totp';
import { ManualClock } from './support/clock';
import { makeUser } from './support/factories';
import { signIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

describe('sign-in, sessions and CSRF', () => {
  let t: TestApp;
  // Sign-in waits are stepped over on this clock instead of slept through.
  const clock = new ManualClock();

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' }, { clock });
  });
  afterAll(() => t.close());

  it('signs in with an httpOnly, SameSite=Lax cookie and returns the user and a CSRF token', async () => {
    const user = await makeUser(t, { role: 'operator' });
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email.toUpperCase(), password: user.password });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      id: user.id,
      email: user.email,
      role: 'operator',
      deskId: 'national',
    });
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^madoguchi_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // only in production
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const user = await makeUser(t);
    const wrong = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: 'not the password' });
    const unknown = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'nobody@example.jp', password: 'whatever' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('names the bad field of a malformed sign-in', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'not-an-email', password: '' })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'email',
      'password',
    ]);
  });

  it('refuses requests without a session', async () => {
    const res = await t.http().get('/api/auth/me').expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a cookie-authenticated write without the CSRF token (stolen cookie)', async () => {
    const session = await signInAs(t, 'admin');
    const noToken = await session.agent
      .post('/api/users')
      .send({ email: 'x@example.jp', displayName: 'X', role: 'operator' });
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('CSRF_TOKEN_INVALID');
    const wrongToken = await session.agent
      .post('/api/users')
      .set('x-csrf-token', 'forged')
      .send({ email: 'x@example.jp', displayName: 'X', role: 'operator' });
    expect(wrongToken.body.code).toBe('CSRF_TOKEN_INVALID');
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM app_user WHERE email = 'x@example.jp'`,
    );
    expect(n).toBe(0);
    await session
      .post('/api/users', { email: 'x@example.jp', displayName: 'X', role: 'operator' })
      .expect(201);
  });

  it('ends the session on logout: the old cookie no longer works', async () => {
    const session = await signInAs(t, 'operator');
    await session.get('/api/auth/me').expect(200);
    await session.post('/api/auth/logout').expect(204);
    const after = await session.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED'); // the cookie was cleared
  });

  it('kills the sessions of a disabled user on the very next request', async () => {
    const admin = await signInAs(t, 'admin');
    const victim = await signInAs(t, 'operator');
    const { body: user } = await admin.get(`/api/users/${victim.user.id}`).expect(200);
    await admin
      .patch(`/api/users/${victim.user.id}`, { active: false, version: user.version })
      .expect(200);
    const res = await victim.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_EXPIRED');
    // And signing in again is refused with the same message as a wrong password.
    const again = await t
      .http()
      .post('/api/auth/login')
      .send({ email: victim.user.email, password: victim.user.password });
    expect(again.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('signs a user out everywhere on a password reset, and elsewhere on their own change', async () => {
    const admin = await signInAs(t, 'admin');
    const user = await makeUser(t);
    const here = await signIn(t, user);
    const elsewhere = await signIn(t, user);
    await here
      .post('/api/auth/password', {
        currentPassword: user.password,
        newPassword: 'another long passphrase 9',
      })
      .expect(204);
    await here.get('/api/auth/me').expect(200);
    expect((await elsewhere.get('/api/auth/me')).body.code).toBe('SESSION_EXPIRED');

    await admin.post(`/api/users/${user.id}/reset-password`).expect(201);
    expect((await here.get('/api/auth/me')).body.code).toBe('SESSION_EXPIRED');
  });

  it('applies a role change on the very next request', async () => {
    const admin = await signInAs(t, 'admin');
    const other = await signInAs(t, 'admin');
    await other.get('/api/users').expect(200);
    const { body: user } = await admin.get(`/api/users/${other.user.id}`);
    await admin
      .patch(`/api/users/${other.user.id}`, { role: 'operator', version: user.version })
      .expect(200);
    const res = await other.get('/api/users');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('throttles brute force per account with 429 and Retry-After, even for the right password', async () => {
    const user = await makeUser(t);
    for (let i = 0; i < 3; i += 1) {
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: `guess-${i}` })
        .expect(401);
    }
    const blocked = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('LOGIN_THROTTLED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const attempts = await t.db.query(
      `SELECT reason FROM login_attempt WHERE email = $1 ORDER BY id`,
      [user.email],
    );
    expect(attempts.map((a: { reason: string }) => a.reason)).toEqual([
      'bad_credentials',
      'bad_credentials',
      'bad_credentials',
      'throttled',
    ]);
  });

  it('slows a guessed account down instead of locking its owner out: the wait doubles per failure and ends', async () => {
    const user = await makeUser(t);
    const attempt = (password: string) =>
      t.http().post('/api/auth/login').send({ email: user.email, password });
    for (let i = 0; i < 3; i += 1) {
      await attempt(`guess-${i}`).expect(401);
    }
    // Three failures are free; the fourth attempt waits one second, the fifth two.
    const first = await attempt(user.password).expect(429);
    expect(first.headers['retry-after']).toBe('1');
    clock.advance(1100);
    await attempt('guess-3').expect(401);
    const second = await attempt(user.password).expect(429);
    expect(second.headers['retry-after']).toBe('2');
    clock.advance(2100);
    // The real user gets in after seconds, not after a 15-minute lockout.
    await attempt(user.password).expect(200);
    // And a success starts the count again.
    await attempt('guess-after').expect(401);
    await attempt(user.password).expect(200);
  });

  it('refuses common and guessable new passwords, naming the field', async () => {
    const user = await makeUser(t);
    const me = await signIn(t, user);
    for (const weak of [
      'password1234',
      'Password1234!',
      'qwertyuiop12',
      `${user.email.split('@')[0]}2026!!`,
    ]) {
      const res = await me
        .post('/api/auth/password', { currentPassword: user.password, newPassword: weak })
        .expect(400);
      expect(res.body.details[0].field).toBe('newPassword');
    }
    await me
      .post('/api/auth/password', {
        currentPassword: user.password,
        newPassword: 'Tokyo-Telework-2026-窓口',
      })
      .expect(204);
  });

  it('forces a new user to change the temporary password before anything else', async () => {
    const admin = await signInAs(t, 'admin');
    const created = await admin
      .post('/api/users', {
        email: 'newbie@example.jp',
        displayName: '新人 一郎',
        role: 'admin',
        deskId: 'national',
      })
      .expect(201);
    const temporary = created.body.temporaryPassword as string;
    const newbie = await signIn(t, {
      id: created.body.user.id,
      email: 'newbie@example.jp',
      role: 'admin',
      deskId: 'national',
      password: temporary,
    });
    const blocked = await newbie.get('/api/users');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await newbie
      .post('/api/auth/password', { currentPassword: temporary, newPassword: 'short' })
      .expect(400);
    expect(weak.body.details[0].field).toBe('newPassword');
    await newbie
      .post('/api/auth/password', {
        currentPassword: temporary,
        newPassword: 'a much better passphrase 7',
      })
      .expect(204);
    await newbie.get('/api/users').expect(200);
  });

  it('detects concurrent edits of a user by version', async () => {
    const admin = await signInAs(t, 'admin');
    const target = await makeUser(t);
    const { body } = await admin.get(`/api/users/${target.id}`);
    await admin
      .patch(`/api/users/${target.id}`, { displayName: 'First', version: body.version })
      .expect(200);
    const stale = await admin.patch(`/api/users/${target.id}`, {
      displayName: 'Second',
      version: body.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'USER_VERSION_CONFLICT',
      currentVersion: body.version + 1,
    });
  });

  it('does not let an admin lock themselves out', async () => {
    const admin = await signInAs(t, 'admin');
    const { body } = await admin.get(`/api/users/${admin.user.id}`);
    const res = await admin.patch(`/api/users/${admin.user.id}`, {
      active: false,
      version: body.version,
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CANNOT_CHANGE_OWN_ACCESS');
  });

  it('rejects a duplicate email with 409 USER_EMAIL_TAKEN naming the field', async () => {
    const admin = await signInAs(t, 'admin');
    const existing = await makeUser(t);
    const res = await admin.post('/api/users', {
      email: existing.email,
      displayName: 'Dup',
      role: 'operator',
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'USER_EMAIL_TAKEN', details: [{ field: 'email' }] });
  });

  it('answers a malformed id with 400 naming it, and an unknown one with 404', async () => {
    const admin = await signInAs(t, 'admin');
    const bad = await admin.get('/api/users/not-a-uuid').expect(400);
    expect(bad.body.details).toEqual([
      { field: 'id', message: 'must be a UUID', constraint: 'invalid' },
    ]);
    await admin.get('/api/users/00000000-0000-4000-8000-000000000000').expect(404);
  });
});

describe('API tokens', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('authenticates a bearer token with its own role, needs no CSRF, and dies when revoked', async () => {
    const admin = await signInAs(t, 'admin');
    const created = await admin
      .post('/api/api-tokens', { name: 'Reporting', role: 'manager' })
      .expect(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^mdg_[A-Za-z0-9]{8}_/);
    const listed = await admin.get('/api/api-tokens').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const http = () => request(t.app.getHttpServer());
    await http().get('/api/audit').set('authorization', `Bearer ${token}`).expect(200);
    // A manager token may not manage users.
    await http().get('/api/users').set('authorization', `Bearer ${token}`).expect(403);

    await admin.delete(`/api/api-tokens/${created.body.id}`).expect(204);
    const after = await http().get('/api/audit').set('authorization', `Bearer ${token}`);
    expect(after.status).toBe(401);
    const [{ token_hash }] = await t.db.query(
      `SELECT encode(token_hash, 'hex') AS token_hash FROM api_token`,
    );
    expect(token_hash).not.toContain(token);
  });
});

describe('two-factor sign-in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ TOTP_REQUIRED_ROLES: 'manager' });
  });
  afterAll(() => t.close());

  it('enrols with a code, then requires one at sign-in', async () => {
    const session = await signInAs(t, 'operator');
    const setup = await session.post('/api/auth/totp/setup').expect(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    await session.post('/api/auth/totp/enable', { code: '000000' }).expect(400);
    await session
      .post('/api/auth/totp/enable', { code: await currentTotp(setup.body.secret) })
      .expect(204);

    const login = () => t.http().post('/api/auth/login');
    const missing = await login().send({
      email: session.user.email,
      password: session.user.password,
    });
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('TOTP_REQUIRED');
    const wrong = await login().send({
      email: session.user.email,
      password: session.user.password,
      totpCode: '000000',
    });
    expect(wrong.body.code).toBe('TOTP_INVALID');
    await login()
      .send({
        email: session.user.email,
        password: session.user.password,
        totpCode: await currentTotp(setup.body.secret),
      })
      .expect(200);
    const [{ totp_secret }] = await t.db.query(`SELECT totp_secret FROM app_user WHERE id = $1`, [
      session.user.id,
    ]);
    expect(totp_secret).not.toContain(setup.body.secret);
  });

  it('moves to a new device with a current code, also where it is required', async () => {
    const manager = await signInAs(t, 'manager');
    const first = await manager.post('/api/auth/totp/setup').expect(200);
    await manager
      .post('/api/auth/totp/enable', { code: await currentTotp(first.body.secret) })
      .expect(204);
    await manager.get('/api/audit').expect(200);
    // Disabling is refused for a required role; a reset is how such a person changes phones.
    await manager
      .post('/api/auth/totp/disable', { code: await currentTotp(first.body.secret) })
      .expect(403);
    const wrong = await manager.post('/api/auth/totp/reset', { code: '000000' }).expect(400);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'code' })]);

    const reset = await manager
      .post('/api/auth/totp/reset', { code: await currentTotp(first.body.secret) })
      .expect(200);
    expect(reset.body.secret).not.toBe(first.body.secret);
    // Until the new device is confirmed, the required role may do nothing else.
    expect((await manager.get('/api/audit').expect(403)).body.code).toBe(
      'TOTP_ENROLLMENT_REQUIRED',
    );
    await manager
      .post('/api/auth/totp/enable', { code: await currentTotp(first.body.secret) })
      .expect(400);
    await manager
      .post('/api/auth/totp/enable', { code: await currentTotp(reset.body.secret) })
      .expect(204);
    await manager.get('/api/audit').expect(200);
    const audited = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE actor_id = $1 AND action = 'auth.totp_reset'`,
      [manager.user.id],
    );
    expect(audited[0].n).toBe(1);
    // With it off, there is nothing to reset.
    const operator = await signInAs(t, 'operator');
    await operator.post('/api/auth/totp/reset', { code: '123456' }).expect(409);
  });

  it('makes a role that requires it enrol before anything else', async () => {
    const manager = await signInAs(t, 'manager');
    const res = await manager.get('/api/audit');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('TOTP_ENROLLMENT_REQUIRED');
    await manager.get('/api/auth/me').expect(200);
  });
});
