import { makeExpert } from './support/experts';
import { intakeBody } from './support/factories';
import { type SignedIn, signIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

/**
 * The home page's "my work" (issue #22 §15): one call, each figure the length of the list it
 * links to, scoped like that list.
 */
describe('GET /api/me/work', () => {
  let t: TestApp;
  let kanto: SignedIn;
  let kinki: SignedIn;

  const intake = async (who: SignedIn, deskId: string, subject: string) =>
    (await who.post('/api/cases', intakeBody({ deskId, subject })).expect(201)).body as {
      id: string;
      number: string;
    };
  const work = async (who: SignedIn) => (await who.get('/api/me/work').expect(200)).body;
  const listed = async (who: SignedIn, query: string) =>
    (
      (await who.get(`/api/cases?${query}&limit=200`).expect(200)).body.items as { id: string }[]
    ).map((c) => c.id);

  beforeAll(async () => {
    t = await createTestApp();
    kanto = await signInAs(t, 'desk_staff', 'kanto');
    kinki = await signInAs(t, 'desk_staff', 'kinki');
  });
  afterAll(() => t.close());

  it('starts empty for someone with no work', async () => {
    expect(await work(kanto)).toEqual({
      myOpenCases: 0,
      overdueFollowUps: 0,
      incomingTransfers: 0,
      sessionsToday: 0,
      slaAtRisk: expect.any(Number),
      deskId: 'kanto',
      savedViews: [],
    });
  });

  it('counts my open cases, overdue follow-ups, sessions today and incoming transfers', async () => {
    const mine = await intake(kanto, 'kanto', '自分の案件');
    const other = await intake(kanto, 'kanto', '他人の案件');
    await t.db.query(`UPDATE "case" SET assignee_id = $2 WHERE id = $1`, [mine.id, kanto.user.id]);
    await t.db.query(`UPDATE "case" SET assignee_id = NULL WHERE id = $1`, [other.id]);
    // A resolved case of mine is no longer work.
    const done = await intake(kanto, 'kanto', '解決済み');
    await t.db.query(`UPDATE "case" SET assignee_id = $2, status = 'resolved' WHERE id = $1`, [
      done.id,
      kanto.user.id,
    ]);

    const followUp = await kanto
      .post(`/api/cases/${mine.id}/follow-ups`, { dueInBusinessDays: 3, note: '確認' })
      .expect(201);
    await t.db.query(`UPDATE follow_up SET due_on = current_date - 2 WHERE id = $1`, [
      followUp.body.id,
    ]);
    // Due later: not overdue.
    await kanto
      .post(`/api/cases/${mine.id}/follow-ups`, { dueInBusinessDays: 5, note: '後日' })
      .expect(201);

    const expert = await makeExpert(t);
    const session = await kanto
      .post(`/api/cases/${mine.id}/sessions`, {
        expertId: expert.id,
        kind: 'assessment',
        scheduledStart: new Date(Date.now() + 9 * 24 * 3_600_000).toISOString(),
        durationMinutes: 60,
        mode: 'online',
      })
      .expect(201);
    // Noon to one, Tokyo time, today: whenever the test runs, it is today's.
    await t.db.query(
      `UPDATE expert_session
          SET scheduled = tstzrange(date_trunc('day', now() AT TIME ZONE 'Asia/Tokyo') AT TIME ZONE 'Asia/Tokyo' + interval '12 hours',
                                    date_trunc('day', now() AT TIME ZONE 'Asia/Tokyo') AT TIME ZONE 'Asia/Tokyo' + interval '13 hours')
        WHERE id = $1`,
      [session.body.id],
    );

    const offered = await intake(kinki, 'kinki', '関東への移管');
    await kinki
      .post(`/api/cases/${offered.id}/transfer`, { deskId: 'kanto', reason: '所在地が関東のため' })
      .expect(200);

    const now = await work(kanto);
    expect(now).toMatchObject({
      myOpenCases: 1,
      overdueFollowUps: 1,
      incomingTransfers: 1,
      sessionsToday: 1,
    });
    expect(await listed(kanto, 'view=mine')).toEqual([mine.id]);
    expect(await listed(kanto, 'view=incoming')).toEqual([offered.id]);
    // The offer waits at Kanto, not at Kinki.
    expect(await work(kinki)).toMatchObject({ incomingTransfers: 0 });
  });

  it('counts SLA at risk as the list shows it: due within 24 hours, not yet overdue', async () => {
    const soon = await intake(kanto, 'kanto', '期限間近');
    const late = await intake(kanto, 'kanto', '期限超過');
    const far = await intake(kanto, 'kanto', '期限まで余裕');
    const answered = await intake(kanto, 'kanto', '回答済み');
    const due = `UPDATE "case" SET first_response_due_at = now() + $2::interval,
                        resolution_due_at = now() + $3::interval, first_responded_at = $4 WHERE id = $1`;
    await t.db.query(due, [soon.id, '2 hours', '10 days', null]);
    await t.db.query(due, [late.id, '-1 hour', '10 days', null]);
    await t.db.query(due, [far.id, '30 hours', '10 days', null]);
    await t.db.query(due, [answered.id, '1 hour', '10 days', new Date()]);

    const atRisk = await listed(kanto, 'view=at_risk&deskId=kanto');
    expect(atRisk).toContain(soon.id);
    expect(atRisk).not.toContain(late.id);
    expect(atRisk).not.toContain(far.id);
    expect(atRisk).not.toContain(answered.id);
    expect(await listed(kanto, 'view=overdue')).toContain(late.id);
    expect((await work(kanto)).slaAtRisk).toBe(atRisk.length);
  });

  it('counts each saved view as the list would show it; a text search is not counted', async () => {
    await kanto
      .post('/api/saved-views', { name: '自分の案件', query: { view: 'mine' } })
      .expect(201);
    await kanto
      .post('/api/saved-views', { name: '関東の未割当', query: { view: 'unassigned' } })
      .expect(201);
    await kanto.post('/api/saved-views', { name: '検索', query: { q: '移管' } }).expect(201);
    const views = (await work(kanto)).savedViews as { name: string; count: number | null }[];
    const unassigned = await listed(kanto, 'view=unassigned');
    const mine = await listed(kanto, 'view=mine');
    // Intake assigns the case to whoever logs it: the SLA cases above are Kanto's too.
    expect(mine.length).toBeGreaterThan(1);
    expect(views.map((v) => [v.name, v.count])).toEqual([
      ['検索', null],
      ['自分の案件', mine.length],
      ['関東の未割当', unassigned.length],
    ]);
    // Views are one person's: Kinki has none.
    expect((await work(kinki)).savedViews).toEqual([]);
  });

  it('is not for experts', async () => {
    const expert = await makeExpert(t);
    await (await signIn(t, expert.user)).get('/api/me/work').expect(403);
  });
});
