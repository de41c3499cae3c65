import { type SignedIn, signInAs } from './support/sessions';
import { CREDENTIAL_CACHE_MS } from '../src/common/auth/credential-cache';
import { REFERENCE_CACHE_TTL_MS } from '../src/database/reference-cache';
import { recordStatements } from './support/statements';
import { type TestApp, createTestApp } from './support/test-app';

/**
 * What the hot requests cost the database, in statements (transaction control included): each
 * costs PostgreSQL about 0.2 ms of CPU and a round trip (docs/benchmarks.md). The ceilings are
 * today's counts, so that a change that adds one says so here. `PRINT_STATEMENTS=1` prints them.
 */
describe('statements per request', () => {
  let t: TestApp;
  let operator: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
  });
  afterAll(() => t.close());

  const counted = async (what: string, request: () => Promise<unknown>): Promise<string[]> => {
    const recorded = recordStatements(t.db);
    try {
      await request();
    } finally {
      recorded.stop();
    }
    // A session's last-seen time is written at most once a minute: not part of any one request,
    // but on a slow machine it would land in one of these.
    const sql = recorded.sql.filter((s) => !/^UPDATE user_session SET last_seen_at\b/.test(s));
    if (process.env.PRINT_STATEMENTS) {
      process.stdout.write(
        `${what}: ${sql.length} statements\n${sql
          .map((s, i) => `  ${i + 1}. ${s.slice(0, 160)}`)
          .join('\n')}\n`,
      );
    }
    return sql;
  };

  let n = 0;
  // Names and numbers of their own, or the duplicate check would refuse the second one.
  const newOrganizationIntake = () => {
    n += 1;
    return operator
      .post('/api/cases', {
        channel: 'email',
        organization: { name: `数える${'壱弐参肆伍陸漆捌玖拾'[n]}商事`, prefectureCode: '13' },
        contact: { name: '数井 一郎', phone: `03-5555-${String(1000 + n)}` },
        topics: ['ICT.SEC'],
        subject: 'VPNの選び方',
      })
      .expect(201);
  };

  it('the case page (GET /api/cases/:id): a case with an organization and a contact', async () => {
    const created = await newOrganizationIntake();
    // The first read after start-up fills the caches; the page as staff open it all day is the second.
    const warmed = Date.now();
    await operator.get(`/api/cases/${created.body.id}`).expect(200);
    const sql = await counted('GET /api/cases/:id', () =>
      operator.get(`/api/cases/${created.body.id}`).expect(200),
    );
    // A machine so slow that the cache expired in between reads the terms again, rightly.
    const cached = Date.now() - warmed < REFERENCE_CACHE_TTL_MS;
    expect(sql.filter((s) => /\bprogram_setting\b/.test(s))).toHaveLength(cached ? 0 : 1);
    // The case is read once: the scoped read's row builds the answer.
    expect(sql.filter((s) => /\bFROM "case" c WHERE c\.id = \$1\b/.test(s))).toHaveLength(1);
    // The organization's session counts and grants in one statement.
    expect(sql.filter((s) => /\bsession_allowance_grant\b/.test(s))).toHaveLength(1);
    // The sign-in was read by the request before and is kept (CredentialCache).
    const signedIn = Date.now() - warmed < CREDENTIAL_CACHE_MS;
    expect(sql.filter((s) => /\buser_session\b/.test(s))).toHaveLength(signedIn ? 0 : 1);
    expect(sql.length).toBeLessThanOrEqual((cached ? 5 : 6) + (signedIn ? 0 : 1));
  });

  it('the case list (GET /api/cases) with filters: one statement', async () => {
    await operator.get('/api/cases?status=new&channel=email').expect(200);
    const sql = await counted('GET /api/cases?status=new&channel=email', () =>
      operator.get('/api/cases?status=new&channel=email').expect(200),
    );
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/FROM "case"/);
  });

  it('the case page’s timeline (GET /api/cases/:id/events)', async () => {
    const created = await newOrganizationIntake();
    const sql = await counted('GET /api/cases/:id/events', () =>
      operator.get(`/api/cases/${created.body.id}/events`).expect(200),
    );
    expect(sql.length).toBeLessThanOrEqual(2);
  });

  it('intake of a new organization with a contact, and for a known one', async () => {
    const warmed = Date.now();
    await newOrganizationIntake();
    const fresh = await counted('POST /api/cases (new organization and contact)', () =>
      newOrganizationIntake(),
    );
    const cached = Date.now() - warmed < REFERENCE_CACHE_TTL_MS;
    const references = fresh.filter((s) => /\b(routing_rule|sla_policy|program_setting)\b/.test(s));
    expect(references.length).toBeLessThanOrEqual(cached ? 0 : 3);
    const first = await newOrganizationIntake();
    const known = await counted('POST /api/cases (known organization and contact)', () =>
      operator
        .post('/api/cases', {
          channel: 'phone',
          organization: { id: first.body.organization.id },
          contact: { id: first.body.contact.id },
          topics: ['LAB.TIME'],
          subject: '二度目の相談',
        })
        .expect(201),
    );
    // The answer is built from the rows intake wrote, not read back after COMMIT; only a known
    // organization's sessions and grants are counted for it.
    expect(fresh.filter((s) => /^SELECT\b/.test(s) && /\b"case"|\bcontact\b/.test(s))).toEqual([]);
    // The trail is written by the case's own statement.
    expect(fresh.filter((s) => /\bINSERT INTO audit_event\b/.test(s))).toHaveLength(1);
    expect(fresh.filter((s) => /^INSERT INTO audit_event\b/.test(s))).toEqual([]);
    // The known organization's intake may fall after the TTL too: the three reads at most.
    expect(fresh.length).toBeLessThanOrEqual(cached ? 7 : 10);
    expect(known.length).toBeLessThanOrEqual(Date.now() - warmed < REFERENCE_CACHE_TTL_MS ? 6 : 9);
  });

  it('an intake with an Idempotency-Key: one statement more, the claim', async () => {
    const first = await newOrganizationIntake();
    const body = {
      channel: 'phone',
      organization: { id: first.body.organization.id },
      contact: { id: first.body.contact.id },
      topics: ['LAB.TIME'],
      subject: '鍵つきの相談',
    };
    const sql = await counted('POST /api/cases (Idempotency-Key)', () =>
      operator.post('/api/cases', body).set('idempotency-key', 'counted-1').expect(201),
    );
    // The key names the case's id from the start: nothing updates it afterwards.
    expect(sql.filter((s) => /\bidempotency_key\b/.test(s))).toEqual([
      expect.stringMatching(/^INSERT INTO idempotency_key\b/),
    ]);
    const replayed = await operator
      .post('/api/cases', body)
      .set('idempotency-key', 'counted-1')
      .expect(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
  });
});
