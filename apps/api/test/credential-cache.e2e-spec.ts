import { CredentialCache } from '../src/common/auth/credential-cache';
import { CredentialListenerService } from '../src/modules/auth/credential-listener.service';
import { createAppOn } from './support/second-app';
import { makeUser } from './support/factories';
import { sessionHeaders, type SignedIn, signInAs } from './support/sessions';
import { recordStatements } from './support/statements';
import { adminQuery, asOwner } from './support/test-database';
import { type TestApp, createTestApp } from './support/test-app';

/**
 * The sign-ins an instance keeps (CredentialCache): a request spends no statement on its
 * sign-in, yet whatever narrows access is seen at once on every instance, however it was made.
 */
describe('credential cache across instances', () => {
  let first: TestApp;
  let second: TestApp;
  let admin: SignedIn;

  const listening = async (t: TestApp): Promise<number> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const pid = t.app.get(CredentialListenerService).backendPid;
      if (pid !== null) {
        return pid;
      }
      if (Date.now() > deadline) {
        throw new Error('the credential listener never connected');
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    first = await createTestApp();
    second = await createAppOn(first);
    await Promise.all([listening(first), listening(second)]);
    admin = await signInAs(first, 'admin');
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const newToken = async (): Promise<{ id: string; token: string }> => {
    const created = await admin
      .post('/api/api-tokens', { name: `Cache ${Date.now()}`, role: 'manager' })
      .expect(201);
    return { id: created.body.id as string, token: created.body.token as string };
  };
  const asToken = (t: TestApp, token: string) =>
    t.http().get('/api/audit?limit=1').set('authorization', `Bearer ${token}`);

  /** The status the instance answers once it settles, and how long that took. */
  const settlesTo = async (
    ask: () => Promise<{ status: number }>,
    status: number,
  ): Promise<number> => {
    const started = Date.now();
    while ((await ask()).status !== status) {
      if (Date.now() - started > 5_000) {
        throw new Error(`still not ${status} after 5 s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return Date.now() - started;
  };

  it('answers a known token from memory: no statement for the sign-in', async () => {
    const { token } = await newToken();
    await asToken(second, token).expect(200);
    const recorded = recordStatements(second.db);
    try {
      await asToken(second, token).expect(200);
    } finally {
      recorded.stop();
    }
    expect(recorded.sql.filter((s) => /\bapi_token\b/.test(s))).toEqual([]);
  });

  it('refuses a token revoked through the other instance at once', async () => {
    const { id, token } = await newToken();
    await asToken(second, token).expect(200);
    await asToken(second, token).expect(200);
    await admin.delete(`/api/api-tokens/${id}`).expect(204);
    // The revoking instance itself: on the very next request.
    await asToken(first, token).expect(401);
    // The other: as soon as its listener hears the commit, in milliseconds.
    expect(await settlesTo(() => asToken(second, token), 401)).toBeLessThan(1_000);
  });

  /** A browser's sign-in, as the cookie header both instances accept. */
  const sessionCookie = async (): Promise<{ cookie: string; csrf: string; userId: string }> => {
    const user = await makeUser(first, { role: 'operator' });
    return { ...(await sessionHeaders(first, user)), userId: user.id };
  };
  const me = (t: TestApp, cookie: string) => t.http().get('/api/auth/me').set('cookie', cookie);

  it('sees a user disabled by hand in SQL, not through the API, on every instance', async () => {
    const { cookie, userId } = await sessionCookie();
    for (const t of [first, second, first, second]) {
      await me(t, cookie).expect(200);
    }
    await first.db.query(`UPDATE app_user SET active = false WHERE id = $1`, [userId]);
    for (const t of [first, second]) {
      expect(await settlesTo(() => me(t, cookie), 401)).toBeLessThan(1_000);
    }
  });

  it('ends a session logged out on one instance on the other too', async () => {
    const { cookie, csrf } = await sessionCookie();
    await me(second, cookie).expect(200);
    await me(second, cookie).expect(200);
    await first
      .http()
      .post('/api/auth/logout')
      .set('cookie', cookie)
      .set('x-csrf-token', csrf)
      .expect(204);
    await me(first, cookie).expect(401);
    expect(await settlesTo(() => me(second, cookie), 401)).toBeLessThan(1_000);
  });

  it('starts over empty when its listener reconnects: a change it could not hear is seen', async () => {
    const { token } = await newToken();
    await asToken(second, token).expect(200);
    await adminQuery(asOwner(first.settings.databaseUrl), async (owner) => {
      // A change no listener hears (as if the listener had been down when it was made).
      await owner.query(`ALTER TABLE api_token DISABLE TRIGGER api_token_credentials_changed`);
      try {
        await owner.query(`UPDATE api_token SET revoked_at = now() WHERE token_hash = sha256($1)`, [
          Buffer.from(token),
        ]);
      } finally {
        await owner.query(`ALTER TABLE api_token ENABLE TRIGGER api_token_credentials_changed`);
      }
    });
    // Unheard, the cache still answers: this is what the notification is for.
    await asToken(second, token).expect(200);
    expect(second.app.get(CredentialCache).active).toBe(true);
    const before = await listening(second);
    await first.db.query(`SELECT pg_terminate_backend($1)`, [before]);
    const deadline = Date.now() + 10_000;
    while ((await listening(second)) === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await listening(second)).not.toBe(before);
    await asToken(second, token).expect(401);
  });
});
