import { intakeBody } from './support/factories';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

const intake = (name: string) =>
  intakeBody({ channel: 'email', organization: { name }, subject: `${name}の相談` });

describe('referral catalogue and saved views', () => {
  let t: TestApp;
  let admin: SignedIn;
  let operator: SignedIn;
  let kanto: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, 'admin');
    operator = await signInAs(t, 'operator');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
  });
  afterAll(() => t.close());

  describe('referral programs', () => {
    const program = {
      code: 'tokyo.test-subsidy',
      fiscalYear: 2026,
      provider: 'tokyo',
      kind: 'subsidy',
      nameJa: 'テスト助成金',
      nameEn: 'Test subsidy',
      url: 'https://example.jp/subsidy',
    };

    it('lets an admin add a program and a new fiscal year of it, audited', async () => {
      const created = await admin.post('/api/referral-programs', program).expect(201);
      expect(created.body).toMatchObject({ ...program, summaryJa: '', active: true });
      await admin
        .post('/api/referral-programs', {
          ...program,
          fiscalYear: 2027,
          nameJa: 'テスト助成金(改)',
        })
        .expect(201);
      const dup = await admin.post('/api/referral-programs', program).expect(409);
      expect(dup.body.code).toBe('REFERRAL_PROGRAM_EXISTS');
      const list = await operator.get('/api/referral-programs?fiscalYear=2027').expect(200);
      expect(list.body.items.map((p: { code: string }) => p.code)).toContain(program.code);
      const [audit] = await t.db.query<{ action: string }[]>(
        `SELECT action FROM audit_event WHERE entity_id = $1`,
        [created.body.id],
      );
      expect(audit?.action).toBe('referral_program.created');
    });

    it('retires a program: gone from the active list, still there for admins', async () => {
      const created = await admin
        .post('/api/referral-programs', { ...program, code: 'tokyo.retired' })
        .expect(201);
      const patched = await admin
        .patch(`/api/referral-programs/${created.body.id}`, { active: false })
        .expect(200);
      expect(patched.body.active).toBe(false);
      const active = await operator.get('/api/referral-programs').expect(200);
      expect(active.body.items.map((p: { id: string }) => p.id)).not.toContain(created.body.id);
      const all = await admin.get('/api/referral-programs?includeInactive=true').expect(200);
      expect(all.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
      const refer = await operator
        .post('/api/cases', intake('引退制度テスト'))
        .expect(201)
        .then((r) =>
          operator.post(`/api/cases/${r.body.id}/referrals`, { programId: created.body.id }),
        );
      expect(refer.status).toBe(400);
      expect(refer.body.details[0].field).toBe('programId');
    });

    it('refuses catalogue edits by non-admins and names bad fields', async () => {
      await operator.post('/api/referral-programs', program).expect(403);
      const bad = await admin
        .post('/api/referral-programs', { ...program, code: 'Bad Code', provider: 'nasa' })
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'code',
        'provider',
      ]);
    });
  });

  describe('case list views', () => {
    it('"mine" lists my open cases only', async () => {
      const mine = await operator.post('/api/cases', intake('私の案件商事')).expect(201);
      const closed = await operator.post('/api/cases', intake('完了済み商事')).expect(201);
      await operator
        .post(`/api/cases/${closed.body.id}/transitions`, {
          to: 'closed',
          version: closed.body.version,
          outcome: 'unknown',
          outcomeConfirmedOn: '2026-11-20',
        })
        .expect(200);
      const res = await operator.get('/api/cases?view=mine&limit=200').expect(200);
      const ids = res.body.items.map((c: { id: string }) => c.id);
      expect(ids).toContain(mine.body.id);
      expect(ids).not.toContain(closed.body.id);
      expect(
        res.body.items.every((c: { assigneeId: string }) => c.assigneeId === operator.user.id),
      ).toBe(true);
    });

    it('"unassigned" lists open unassigned cases at my desk', async () => {
      const created = await kanto.post('/api/cases', intake('未割当商事')).expect(201);
      await t.db.query(`UPDATE "case" SET assignee_id = NULL WHERE id = $1`, [created.body.id]);
      const res = await kanto.get('/api/cases?view=unassigned').expect(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
      expect(res.body.items.every((c: { deskId: string }) => c.deskId === 'kanto')).toBe(true);
    });

    it('"overdue" lists open cases past a due time', async () => {
      const late = await operator.post('/api/cases', intake('期限切れ商事')).expect(201);
      const fine = await operator.post('/api/cases', intake('期限内商事')).expect(201);
      await t.db.query(
        `UPDATE "case" SET first_response_due_at = now() - interval '1 hour', first_responded_at = NULL WHERE id = $1`,
        [late.body.id],
      );
      await t.db.query(
        `UPDATE "case" SET first_response_due_at = now() + interval '1 hour', first_responded_at = NULL WHERE id = $1`,
        [fine.body.id],
      );
      const res = await operator.get('/api/cases?view=overdue&limit=200').expect(200);
      const ids = res.body.items.map((c: { id: string }) => c.id);
      expect(ids).toContain(late.body.id);
      expect(ids).not.toContain(fine.body.id);
    });

    it('names an unknown view', async () => {
      const res = await operator.get('/api/cases?view=everything').expect(400);
      expect(res.body.details[0].field).toBe('view');
    });
  });

  describe('saved views', () => {
    it('saves, lists and deletes my own views; others cannot see or delete them', async () => {
      const saved = await operator
        .post('/api/saved-views', {
          name: '東京のメール',
          query: { channel: 'email', prefectureCode: '13' },
        })
        .expect(201);
      expect(saved.body.query).toEqual({ channel: 'email', prefectureCode: '13' });
      const taken = await operator
        .post('/api/saved-views', { name: '東京のメール', query: {} })
        .expect(409);
      expect(taken.body.code).toBe('SAVED_VIEW_NAME_TAKEN');
      const other = await kanto.get('/api/saved-views').expect(200);
      expect(other.body.items).toEqual([]);
      await kanto.delete(`/api/saved-views/${saved.body.id}`).expect(404);
      const mine = await operator.get('/api/saved-views').expect(200);
      expect(mine.body.items).toHaveLength(1);
      await operator.delete(`/api/saved-views/${saved.body.id}`).expect(204);
      await operator.get('/api/saved-views').expect(200, { items: [] });
    });

    it('refuses paging in a view and validates the filters like the list does', async () => {
      const paging = await operator
        .post('/api/saved-views', { name: 'paged', query: { cursor: 'x' } })
        .expect(400);
      expect(paging.body.details[0].field).toBe('query.cursor');
      const res = await operator
        .post('/api/saved-views', { name: 'bad', query: { prefectureCode: '99' } })
        .expect(400);
      expect(res.body.details[0].field).toBe('query.prefectureCode');
    });
  });
});
