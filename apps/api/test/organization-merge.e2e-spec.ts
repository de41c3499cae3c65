import { makeExpert, nextFreeStart, type TestExpert } from './support/experts';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

describe('merging duplicate organizations', () => {
  let t: TestApp;
  let operator: SignedIn;
  let manager: SignedIn;
  let kanto: SignedIn;
  let expert: TestExpert;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    manager = await signInAs(t, 'manager');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
    expert = await makeExpert(t, { specialties: ['LAB.TIME'] });
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

  it('moves award candidate marks and nominations to the survivor, keeping its own on a clash', async () => {
    const survivor = await intake({ name: '表彰統合先商事', prefectureCode: '13' }, '表彰統合先');
    const duplicate = await intake({ name: '表彰統合元商事', prefectureCode: '13' }, '表彰統合元');
    const mark = (organizationId: string, fiscalYear: number, note: string) =>
      manager.agent
        .put('/api/awards/marks')
        .set('x-csrf-token', manager.csrf)
        .send({ organizationId, fiscalYear, note })
        .expect(204);
    const nominate = (organizationId: string, awardKindId: string) =>
      manager
        .post('/api/awards/nominations', {
          organizationId,
          awardKindId,
          fiscalYear: 2025,
          nominatedOn: '2025-10-01',
        })
        .expect(201);
    await mark(duplicate.organization.id, 2024, '重複側の印');
    await mark(duplicate.organization.id, 2025, '重複側の2025');
    await mark(survivor.organization.id, 2025, '存続側の2025');
    await nominate(duplicate.organization.id, 'top_runner');
    await nominate(duplicate.organization.id, 'kagayaku_telework');
    await nominate(survivor.organization.id, 'kagayaku_telework');

    const res = await operator
      .post(`/api/organizations/${survivor.organization.id}/merge`, {
        duplicateId: duplicate.organization.id,
        version: survivor.organization.version,
      })
      .expect(200);
    expect(res.body.moved).toMatchObject({ cases: 1 });
    const marks = await t.db.query<
      { organization_id: string; fiscal_year: number; note: string }[]
    >(
      `SELECT organization_id, fiscal_year, note FROM award_candidate_mark
        WHERE organization_id = ANY($1::uuid[]) ORDER BY fiscal_year`,
      [[survivor.organization.id, duplicate.organization.id]],
    );
    expect(marks).toEqual([
      { organization_id: survivor.organization.id, fiscal_year: 2024, note: '重複側の印' },
      { organization_id: survivor.organization.id, fiscal_year: 2025, note: '存続側の2025' },
    ]);
    const nominations = await t.db.query<{ organization_id: string; award_kind_id: string }[]>(
      `SELECT organization_id, award_kind_id FROM award_nomination
        WHERE organization_id = ANY($1::uuid[]) ORDER BY award_kind_id, organization_id`,
      [[survivor.organization.id, duplicate.organization.id]],
    );
    // The clashing nomination stays on the merged-away record (history is not deleted); the
    // audit entry says so.
    expect(nominations).toEqual(
      expect.arrayContaining([
        { organization_id: survivor.organization.id, award_kind_id: 'top_runner' },
        { organization_id: survivor.organization.id, award_kind_id: 'kagayaku_telework' },
        { organization_id: duplicate.organization.id, award_kind_id: 'kagayaku_telework' },
      ]),
    );
    expect(nominations).toHaveLength(3);
    const [audit] = await t.db.query<{ meta: { awards: unknown } }[]>(
      `SELECT meta FROM audit_event WHERE action = 'organization.merged' AND entity_id = $1`,
      [survivor.organization.id],
    );
    expect(audit?.meta.awards).toEqual({ marks: 1, nominations: 1, nominationsLeft: 1 });
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

  describe('preview', () => {
    const book = (caseId: string, kind: string) =>
      operator
        .post(`/api/cases/${caseId}/sessions`, {
          expertId: expert.id,
          kind,
          scheduledStart: nextFreeStart().toISOString(),
          durationMinutes: 60,
          mode: 'online',
        })
        .expect(201);

    it('shows what moves and the allowance after, and changes nothing', async () => {
      const target = await intake({ name: '予告先株式会社' }, '予告先の相談');
      const source = await intake(
        { name: '予告元', prefectureCode: '27', employees: 40 },
        '予告元の相談',
      );
      await book(source.id, 'assessment');
      const res = await manager
        .get(
          `/api/organizations/${source.organization.id}/merge-preview?into=${target.organization.id}`,
        )
        .expect(200);
      expect(res.body).toMatchObject({
        source: { id: source.organization.id },
        target: { id: target.organization.id },
        moves: { contacts: 1, cases: 1, sessions: 1, grants: 0 },
        allowanceAfter: { limit: 3, used: 1, remaining: 2 },
        overAllowance: false,
      });
      expect(res.body.fills).toEqual(expect.arrayContaining(['prefectureCode', 'employees']));
      // Nothing moved.
      const still = await operator.get(`/api/cases/${source.id}`).expect(200);
      expect(still.body.organization.id).toBe(source.organization.id);
    });

    it('says when the merged organization would be over its allowance, grants included', async () => {
      const target = await intake({ name: '上限超過先' }, '上限先');
      const source = await intake({ name: '上限超過元' }, '上限元');
      await book(target.id, 'assessment');
      await book(target.id, 'preparation');
      await book(source.id, 'assessment');
      await book(source.id, 'preparation');
      const over = await operator
        .get(
          `/api/organizations/${source.organization.id}/merge-preview?into=${target.organization.id}`,
        )
        .expect(200);
      expect(over.body).toMatchObject({
        moves: { sessions: 2 },
        allowanceAfter: { limit: 3, used: 4, remaining: 0 },
        overAllowance: true,
      });
      await manager
        .post(`/api/organizations/${source.organization.id}/session-grants`, {
          reason: '統合で上限を超えるため一回分を追加',
        })
        .expect(201);
      const granted = await operator
        .get(
          `/api/organizations/${source.organization.id}/merge-preview?into=${target.organization.id}`,
        )
        .expect(200);
      expect(granted.body).toMatchObject({
        moves: { grants: 1 },
        allowanceAfter: { limit: 4, used: 4, remaining: 0 },
        overAllowance: false,
      });
    });

    it('names a missing, equal or unknown target, and is for those who may merge', async () => {
      const a = await intake({ name: '予告検証A' }, '検証A');
      const missing = await operator
        .get(`/api/organizations/${a.organization.id}/merge-preview`)
        .expect(400);
      expect(missing.body.details[0].field).toBe('into');
      const same = await operator
        .get(`/api/organizations/${a.organization.id}/merge-preview?into=${a.organization.id}`)
        .expect(400);
      expect(same.body.details[0].field).toBe('into');
      await operator
        .get(
          `/api/organizations/${a.organization.id}/merge-preview?into=00000000-0000-4000-8000-000000000000`,
        )
        .expect(400);
      await kanto
        .get(`/api/organizations/${a.organization.id}/merge-preview?into=${a.organization.id}`)
        .expect(403);
    });
  });
});
