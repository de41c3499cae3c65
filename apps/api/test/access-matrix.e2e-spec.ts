import { signInAs, type SignedIn } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';
import type { Role } from '../src/common/auth/roles';
import { makeExpert } from './support/experts';

/**
 * Each role against each endpoint family. A number is the expected status; scoping inside a
 * family (404 for another desk's case) is covered by the feature specs.
 */
type Family = { name: string; call: (s: SignedIn, ids: Ids) => Promise<{ status: number }> };
interface Ids {
  caseId: string;
  organizationId: string;
  expertId: string;
  /** The national case's contact: personal data, for the national center, managers and admins. */
  contactId: string;
  contactVersion: () => Promise<number>;
  /** A fresh organization to fold into another (each merge uses one up). */
  freshOrganization: () => Promise<string>;
  organizationVersion: (id: string) => Promise<number>;
  survivorId: string;
}

// One booking succeeds (the operator's); a fixed slot a month ahead is all it needs.
const SESSION_START = new Date(Date.now() + 30 * 86_400_000).toISOString();

const FAMILIES: Family[] = [
  { name: 'GET /api/users', call: (s) => s.get('/api/users') },
  {
    name: 'POST /api/users',
    call: (s) =>
      s.post('/api/users', {
        email: `m${Date.now()}${Math.random()}@example.jp`,
        displayName: 'M',
        role: 'operator',
      }),
  },
  { name: 'GET /api/api-tokens', call: (s) => s.get('/api/api-tokens') },
  { name: 'GET /api/audit', call: (s) => s.get('/api/audit') },
  {
    name: 'GET /api/organizations?q',
    call: (s) => s.get('/api/organizations?q=%E3%83%9E%E3%83%88%E3%83%AA'),
  },
  {
    name: 'POST /api/organizations',
    call: (s) => s.post('/api/organizations', { name: `行列${Math.random()}` }),
  },
  {
    name: 'GET /api/organizations/:id/contacts',
    call: (s, ids) => s.get(`/api/organizations/${ids.organizationId}/contacts`),
  },
  {
    name: 'GET /api/organizations/:id',
    call: (s, ids) => s.get(`/api/organizations/${ids.organizationId}`),
  },
  {
    name: 'GET /api/organizations/duplicates',
    call: (s) => s.get('/api/organizations/duplicates?phone=090-7777-0001'),
  },
  {
    name: 'GET /api/contacts/:id (national case)',
    call: (s, ids) => s.get(`/api/contacts/${ids.contactId}`),
  },
  {
    name: 'PATCH /api/contacts/:id (national case)',
    call: async (s, ids) =>
      s.patch(`/api/contacts/${ids.contactId}`, {
        title: '行列',
        version: await ids.contactVersion(),
      }),
  },
  {
    name: 'POST /api/organizations/:id/merge',
    call: async (s, ids) =>
      s.post(`/api/organizations/${ids.survivorId}/merge`, {
        duplicateId: await ids.freshOrganization(),
        version: await ids.organizationVersion(ids.survivorId),
      }),
  },
  { name: 'GET /api/cases', call: (s) => s.get('/api/cases') },
  {
    name: 'GET /api/cases/:id (national case)',
    call: (s, ids) => s.get(`/api/cases/${ids.caseId}`),
  },
  {
    name: 'POST /api/cases/:id/events',
    call: (s, ids) => s.post(`/api/cases/${ids.caseId}/events`, { kind: 'note', body: 'x' }),
  },
  { name: 'GET /api/cases/export', call: (s) => s.get('/api/cases/export') },
  { name: 'GET /api/referral-programs', call: (s) => s.get('/api/referral-programs') },
  { name: 'GET /api/experts', call: (s) => s.get('/api/experts') },
  {
    name: 'POST /api/cases/:id/sessions',
    call: (s, ids) =>
      s.post(`/api/cases/${ids.caseId}/sessions`, {
        expertId: ids.expertId,
        kind: 'assessment',
        scheduledStart: SESSION_START,
        durationMinutes: 60,
        mode: 'online',
      }),
  },
  { name: 'GET /api/sessions', call: (s) => s.get('/api/sessions') },
  { name: 'GET /api/settings/sessions', call: (s) => s.get('/api/settings/sessions') },
  {
    name: 'POST /api/organizations/:id/session-grants',
    call: (s, ids) =>
      s.post(`/api/organizations/${ids.organizationId}/session-grants`, { reason: '行列' }),
  },
  { name: 'GET /api/me/work', call: (s) => s.get('/api/me/work') },
  { name: 'GET /api/audit/export', call: (s) => s.get('/api/audit/export?action=auth.login') },
  {
    name: 'GET /api/contacts?email',
    call: (s) => s.get('/api/contacts?email=matrix%40example.jp'),
  },
];

const ROLES: [Role, string | null][] = [
  ['operator', 'national'],
  ['desk_staff', 'kanto'],
  ['expert', null],
  ['manager', 'national'],
  ['admin', 'national'],
];

// Rows follow FAMILIES; columns follow ROLES.
const EXPECTED: number[][] = [
  [403, 403, 403, 403, 200],
  [403, 403, 403, 403, 201],
  [403, 403, 403, 403, 200],
  [403, 403, 403, 200, 200],
  [200, 200, 403, 200, 200],
  [201, 201, 403, 403, 403],
  [200, 200, 403, 200, 200],
  [200, 200, 403, 200, 200],
  [200, 200, 403, 200, 200],
  [200, 404, 404, 200, 200],
  [200, 404, 404, 200, 200],
  [200, 403, 403, 200, 403],
  [200, 200, 200, 200, 200],
  [200, 404, 404, 200, 200],
  [201, 404, 403, 403, 403],
  [200, 200, 403, 200, 200],
  [200, 200, 403, 200, 200],
  [200, 200, 403, 200, 200],
  [201, 404, 403, 403, 403],
  [200, 200, 200, 200, 200],
  [200, 200, 200, 200, 200],
  [403, 403, 403, 201, 403],
  [200, 200, 403, 200, 200],
  [403, 403, 403, 200, 200],
  [200, 200, 403, 200, 200],
];

describe('access-control matrix', () => {
  let t: TestApp;
  let ids: Ids;

  beforeAll(async () => {
    t = await createTestApp();
    const operator = await signInAs(t, 'operator');
    const created = await operator
      .post('/api/cases', {
        channel: 'phone',
        organization: { name: 'マトリクス社' },
        contact: { name: '行列 太郎', phone: '090-7777-0001' },
        topics: ['ICT.SEC'],
        subject: '行列',
      })
      .expect(201);
    const survivor = await operator.post('/api/organizations', { name: '行列存続社' }).expect(201);
    const contactId = created.body.contact.id as string;
    ids = {
      caseId: created.body.id,
      organizationId: created.body.organization.id,
      expertId: (await makeExpert(t)).id,
      contactId,
      contactVersion: async () =>
        (await t.db.query(`SELECT version FROM contact WHERE id = $1`, [contactId]))[0].version,
      freshOrganization: async () =>
        (
          await operator
            .post('/api/organizations', { name: `行列重複${Math.random()}` })
            .expect(201)
        ).body.id,
      organizationVersion: async (id) =>
        (await t.db.query(`SELECT version FROM organization WHERE id = $1`, [id]))[0].version,
      survivorId: survivor.body.id,
    };
  });
  afterAll(() => t.close());

  it('answers each role and endpoint family as specified', async () => {
    const actual: number[][] = FAMILIES.map(() => []);
    for (const [column, [role, desk]] of ROLES.entries()) {
      const session = await signInAs(t, role, desk);
      for (const [row, family] of FAMILIES.entries()) {
        actual[row]![column] = (await family.call(session, ids)).status;
      }
    }
    const table = (m: number[][]) => FAMILIES.map((f, i) => `${f.name}: ${m[i]!.join(' ')}`);
    expect(table(actual)).toEqual(table(EXPECTED));
  });

  it('refuses every family without a session', async () => {
    const anonymous = {
      get: (url: string) => t.http().get(url),
      post: (url: string, body = {}) => t.http().post(url).send(body),
      patch: (url: string, body = {}) => t.http().patch(url).send(body),
    } as unknown as SignedIn;
    for (const family of FAMILIES) {
      expect({ family: family.name, status: (await family.call(anonymous, ids)).status }).toEqual({
        family: family.name,
        status: 401,
      });
    }
  });
});
