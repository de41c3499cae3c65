import { makeExpert, moveIntoPast, nextFreeStart, type TestExpert } from './support/experts';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

/** An organization's telework status follows the facts recorded on its cases. */
describe('telework status', () => {
  let t: TestApp;
  let operator: SignedIn;
  let expert: TestExpert;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    expert = await makeExpert(t, { specialties: ['LAB.TIME'] });
  });
  afterAll(() => t.close());

  const newCase = async (organization: Record<string, unknown> = {}) => {
    counter += 1;
    const res = await operator
      .post('/api/cases', {
        channel: 'phone',
        organization: { name: `進捗商事${counter}`, prefectureCode: '13', ...organization },
        topics: ['LAB.TIME'],
        subject: 'テレワーク導入の相談',
      })
      .expect(201);
    return res.body as { id: string; version: number; organization: { id: string } };
  };
  const organization = async (id: string) =>
    (await operator.get(`/api/organizations/${id}`).expect(200)).body;
  const timelineKinds = async (caseId: string) =>
    (
      await t.db.query<{ kind: string; data: Record<string, string> }[]>(
        `SELECT kind, data FROM case_event WHERE case_id = $1 AND kind = 'telework_status_changed' ORDER BY id`,
        [caseId],
      )
    ).map((e) => e.data);
  const close = async (c: { id: string }, outcome: string) => {
    let version = (await operator.get(`/api/cases/${c.id}`).expect(200)).body.version as number;
    for (const to of ['in_progress', 'resolved']) {
      version = (await operator.post(`/api/cases/${c.id}/transitions`, { to, version }).expect(200))
        .body.version;
    }
    return operator
      .post(`/api/cases/${c.id}/transitions`, {
        to: 'closed',
        version,
        outcome,
        outcomeConfirmedOn: '2026-11-30',
        ...(outcome === 'not_adopted' ? { notAdoptedReason: '業務の性質上難しい' } : {}),
      })
      .expect(200);
  };
  const completedSession = async (caseId: string, kind: string, extra: object = {}) => {
    const session = (
      await operator
        .post(`/api/cases/${caseId}/sessions`, {
          expertId: expert.id,
          kind,
          scheduledStart: nextFreeStart().toISOString(),
          durationMinutes: 60,
          mode: 'online',
          ...extra,
        })
        .expect(201)
    ).body as { id: string };
    await moveIntoPast(t, session.id);
    await operator
      .post(`/api/sessions/${session.id}/complete`, {
        findings: '状況を確認した。',
        recommendations: '規程を整える。',
        nextSteps: '試行する。',
        minutesSpent: 60,
      })
      .expect(200);
    return session;
  };

  it('moves forward to adopted when a case closes adopted, on the timeline and in the audit', async () => {
    const c = await newCase();
    await close(c, 'adopted');
    const o = await organization(c.organization.id);
    expect(o).toMatchObject({
      teleworkStatus: 'adopted',
      teleworkStatusSource: 'case_outcome',
      teleworkStatusReason: null,
      teleworkStatusChangedAt: expect.any(String),
    });
    expect(await timelineKinds(c.id)).toEqual([
      expect.objectContaining({ from: 'not_started', to: 'adopted', source: 'case_outcome' }),
    ]);
    const audit = await t.db.query(
      `SELECT meta FROM audit_event WHERE action = 'organization.telework_status_advanced' AND entity_id = $1`,
      [c.organization.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].meta).toMatchObject({ fact: 'case_closed_adopted', caseId: c.id });
  });

  it('never moves backward on its own, and other outcomes leave it alone', async () => {
    const adopted = await newCase({ teleworkStatus: 'adopted' });
    await completedSession(adopted.id, 'follow_up');
    expect((await organization(adopted.organization.id)).teleworkStatus).toBe('adopted');
    expect(await timelineKinds(adopted.id)).toEqual([]);

    const planned = await newCase();
    await close(planned, 'planned');
    const notAdopted = await newCase();
    await close(notAdopted, 'not_adopted');
    expect((await organization(planned.organization.id)).teleworkStatus).toBe('not_started');
    expect((await organization(notAdopted.organization.id)).teleworkStatus).toBe('not_started');
  });

  it('takes a completed follow-up session as proof of at least a trial', async () => {
    const c = await newCase();
    await completedSession(c.id, 'follow_up', { kindOverrideReason: '導入済みと電話で確認' });
    expect(await organization(c.organization.id)).toMatchObject({
      teleworkStatus: 'trial',
      teleworkStatusSource: 'follow_up_session',
    });
    // Now a follow-up can be booked without an override.
    await operator
      .post(`/api/cases/${c.id}/sessions`, {
        expertId: expert.id,
        kind: 'follow_up',
        scheduledStart: nextFreeStart().toISOString(),
        durationMinutes: 60,
        mode: 'online',
      })
      .expect(201);
  });

  it('moves to adopted when an outcome check confirms it', async () => {
    const c = await newCase();
    await completedSession(c.id, 'assessment');
    expect((await organization(c.organization.id)).teleworkStatus).toBe('not_started');
    const checks = (await operator.get(`/api/cases/${c.id}/follow-ups`).expect(200)).body.items;
    const check = checks.find((f: { kind: string }) => f.kind === 'outcome_check');
    await operator
      .post(`/api/follow-ups/${check.id}/complete`, { version: check.version, adopted: 'adopted' })
      .expect(200);
    expect(await organization(c.organization.id)).toMatchObject({
      teleworkStatus: 'adopted',
      teleworkStatusSource: 'outcome_check',
    });
  });

  it('is set by hand only with a reason, which is kept and audited', async () => {
    const c = await newCase({ teleworkStatus: 'adopted' });
    const before = await organization(c.organization.id);
    const refused = await operator
      .patch(`/api/organizations/${c.organization.id}`, {
        teleworkStatus: 'trial',
        version: before.version,
      })
      .expect(400);
    expect(refused.body.details[0].field).toBe('teleworkStatusReason');
    const res = await operator
      .patch(`/api/organizations/${c.organization.id}`, {
        teleworkStatus: 'trial',
        teleworkStatusReason: '全社導入は撤回、一部部署で試行中',
        version: before.version,
      })
      .expect(200);
    expect(res.body).toMatchObject({
      teleworkStatus: 'trial',
      teleworkStatusSource: 'manual',
      teleworkStatusReason: '全社導入は撤回、一部部署で試行中',
    });
    // Editing another field keeps the status and its provenance.
    const edited = await operator
      .patch(`/api/organizations/${c.organization.id}`, {
        notes: 'メモ',
        version: res.body.version,
      })
      .expect(200);
    expect(edited.body).toMatchObject({ teleworkStatus: 'trial', teleworkStatusSource: 'manual' });
    const [audit] = await t.db.query(
      `SELECT meta FROM audit_event WHERE action = 'organization.updated' AND entity_id = $1 ORDER BY id LIMIT 1`,
      [c.organization.id],
    );
    expect(audit.meta).toMatchObject({ teleworkStatusReason: '全社導入は撤回、一部部署で試行中' });
  });
});
