import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

describe('merging duplicate organizations', () => {
  let t: TestApp;
  let operator: SignedIn;
  let manager: SignedIn;
  let kanto: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    manager = await signInAs(t, 'manager');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
  });
  afterAll(() => t.close());

  // These organizations are duplicates on purpose, so intake is told so.
  const intake = (organization: object, subject: string) =>
    operator
      .post('/api/cases', {
        channel: 'phone',
        organization: { duplicateOverrideReason: '統合の試験で重複を作る', ...organization },
        contact: { name: `${subject}担当`, phone: '03-5555-0000' },
        topics: ['LAB.TIME'],
        subject,
      })
      .expect(201)
      .then((r) => r.body as { id: string; organization: { id: string; version: number } });

  it('moves contacts and cases, fills blanks, keeps a tombstone and an audit trail', async () => {
    const survivor = await intake({ name: '株式会社統合先', prefectureCode: '13' }, '統合先の相談');
    const duplicate = await intake(
      { name: '(株)統合先', corporateNumber: '7123456789012', industryCode: 'I', employees: 8 },
      '重複側の相談',
    );
    const res = await operator
      .post(`/api/organizations/${survivor.organization.id}/merge`, {
        duplicateId: duplicate.organization.id,
        version: survivor.organization.version,
        reason: '同じ会社(電話で確認)',
      })
      .expect(200);
    expect(res.body.moved).toEqual({ contacts: 1, cases: 1, sessions: 0 });
    expect(res.body.organization).toMatchObject({
      id: survivor.organization.id,
      prefectureCode: '13',
      corporateNumber: '7123456789012',
      industryCode: 'I',
      employees: 8,
      sme: true,
    });
    const movedCase = await operator.get(`/api/cases/${duplicate.id}`).expect(200);
    expect(movedCase.body.organization.id).toBe(survivor.organization.id);
    const contacts = await operator
      .get(`/api/organizations/${survivor.organization.id}/contacts`)
      .expect(200);
    expect(contacts.body.items).toHaveLength(2);
    // The duplicate no longer shows up in search; its corporate number finds the survivor.
    const found = await operator.get('/api/organizations?q=7123456789012').expect(200);
    expect(found.body.items.map((o: { id: string }) => o.id)).toEqual([survivor.organization.id]);
    const [audit] = await t.db.query<{ meta: { duplicateId: string; reason: string } }[]>(
      `SELECT meta FROM audit_event WHERE action = 'organization.merged' AND entity_id = $1`,
      [survivor.organization.id],
    );
    expect(audit?.meta).toMatchObject({
      duplicateId: duplicate.organization.id,
      reason: '同じ会社(電話で確認)',
    });
    // A merged duplicate cannot be merged again.
    const again = await operator
      .post(`/api/organizations/${survivor.organization.id}/merge`, {
        duplicateId: duplicate.organization.id,
        version: res.body.organization.version,
      })
      .expect(400);
    expect(again.body.details[0].field).toBe('duplicateId');
  });

  it('refuses a stale version, a self-merge, and roles that may not merge', async () => {
    const a = await intake({ name: '古い版の会社' }, '版のテスト');
    const b = await intake({ name: '古い版の会社(重複)' }, '版のテスト2');
    const stale = await manager
      .post(`/api/organizations/${a.organization.id}/merge`, {
        duplicateId: b.organization.id,
        version: a.organization.version + 5,
      })
      .expect(409);
    expect(stale.body.code).toBe('ORGANIZATION_VERSION_CONFLICT');
    const self = await manager
      .post(`/api/organizations/${a.organization.id}/merge`, {
        duplicateId: a.organization.id,
        version: a.organization.version,
      })
      .expect(400);
    expect(self.body.details[0].field).toBe('duplicateId');
    await kanto
      .post(`/api/organizations/${a.organization.id}/merge`, {
        duplicateId: b.organization.id,
        version: a.organization.version,
      })
      .expect(403);
  });
});
