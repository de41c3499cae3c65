import { binary, readWorkbook } from './support/binary';
import { intakeBody } from './support/factories';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

interface Activity {
  id: string;
  version: number;
  linkedEvents: number;
  linkedReferrals: number;
  percent: number | null;
  linkedPercent: number | null;
}

const activityBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  fiscalYear: 2026,
  party: 'chamber_of_commerce',
  partyName: '東京商工会議所',
  title: '会報で東京テレワーク推進センターを周知',
  unit: '回',
  target: 12,
  ...overrides,
});

const eventBody = (startsAt: string, title: string): Record<string, unknown> => ({
  kind: 'tour',
  title,
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString(),
  venue: '東京商工会議所',
  organizerKind: 'chamber_of_commerce',
  organizerName: '東京商工会議所',
});

describe('partner-plan activities', () => {
  let t: TestApp;
  let admin: SignedIn;
  let manager: SignedIn;
  let operator: SignedIn;
  let kanto: SignedIn;
  let expert: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, 'admin');
    manager = await signInAs(t, 'manager');
    operator = await signInAs(t, 'operator');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
    expert = await signInAs(t, 'expert');
  });
  afterAll(() => t.close());

  async function createEvent(startsAt: string, title: string): Promise<string> {
    const res = await operator.post('/api/events', eventBody(startsAt, title)).expect(201);
    return (res.body as { id: string }).id;
  }

  /** A case referred to a program of the catalogue: the referral's id. */
  async function referral(name: string): Promise<string> {
    const created = await operator
      .post('/api/cases', intakeBody({ organization: { name }, subject: `${name}の相談` }))
      .expect(201);
    const programs = await operator.get('/api/referral-programs?fiscalYear=2026').expect(200);
    const program = (programs.body.items as { id: string; code: string }[]).find(
      (p) => p.code === 'tokyo.telework-sokushin',
    )!;
    const res = await operator
      .post(`/api/cases/${created.body.id}/referrals`, { programId: program.id })
      .expect(201);
    return (res.body as { id: string }).id;
  }

  describe('CRUD and access', () => {
    it('lets managers and admins keep activities, audited, and staff read them', async () => {
      const created = await manager
        .post('/api/partner-plans/activities', activityBody())
        .expect(201);
      const activity = created.body as Activity;
      expect(created.body).toMatchObject({
        fiscalYear: 2026,
        party: 'chamber_of_commerce',
        partyDeskId: null,
        partyName: '東京商工会議所',
        unit: '回',
        target: 12,
        achieved: null,
        percent: null,
        linkedEvents: 0,
        linkedReferrals: 0,
        linkedPercent: 0,
        events: [],
        referrals: [],
        version: 1,
      });

      const patched = await admin
        .patch(`/api/partner-plans/activities/${activity.id}`, { achieved: 9, version: 1 })
        .expect(200);
      expect(patched.body).toMatchObject({ achieved: 9, percent: 75, version: 2 });
      const stale = await manager
        .patch(`/api/partner-plans/activities/${activity.id}`, { achieved: 10, version: 1 })
        .expect(409);
      expect(stale.body).toMatchObject({
        code: 'PARTNER_PLAN_VERSION_CONFLICT',
        currentVersion: 2,
      });

      const list = await operator.get('/api/partner-plans/activities?fiscalYear=2026').expect(200);
      expect((list.body.items as Activity[]).map((a) => a.id)).toContain(activity.id);
      await kanto.get(`/api/partner-plans/activities/${activity.id}`).expect(200);
      await expert.get('/api/partner-plans/activities').expect(403);
      await operator.post('/api/partner-plans/activities', activityBody()).expect(403);
      await kanto
        .patch(`/api/partner-plans/activities/${activity.id}`, { achieved: 1, version: 2 })
        .expect(403);
      await operator.delete(`/api/partner-plans/activities/${activity.id}`).expect(403);

      const audit = await t.db.query<{ action: string; changes: unknown }[]>(
        `SELECT action, changes FROM audit_event WHERE entity_id = $1 ORDER BY id`,
        [activity.id],
      );
      expect(audit.map((a) => a.action)).toEqual(['partner_plan.created', 'partner_plan.updated']);
      expect(audit[1]!.changes).toEqual({ achieved: { from: null, to: 9 } });

      await manager.delete(`/api/partner-plans/activities/${activity.id}`).expect(204);
      await manager.get(`/api/partner-plans/activities/${activity.id}`).expect(404);
      const [deleted] = await t.db.query<{ action: string }[]>(
        `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [activity.id],
      );
      expect(deleted!.action).toBe('partner_plan.deleted');
    });

    it('names the bad field: a regional desk’s activity needs a known desk', async () => {
      const noDesk = await manager
        .post('/api/partner-plans/activities', activityBody({ party: 'regional_desk' }))
        .expect(400);
      expect(noDesk.body.details[0].field).toBe('partyDeskId');
      const unknown = await manager
        .post(
          '/api/partner-plans/activities',
          activityBody({ party: 'regional_desk', partyDeskId: 'atlantis' }),
        )
        .expect(400);
      expect(unknown.body.details[0].field).toBe('partyDeskId');
      const bad = await manager
        .post('/api/partner-plans/activities', activityBody({ party: 'nasa', target: -1 }))
        .expect(400);
      expect((bad.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
        'party',
        'target',
      ]);
      const desk = await manager
        .post(
          '/api/partner-plans/activities',
          activityBody({ party: 'regional_desk', partyDeskId: 'kanto', partyName: null }),
        )
        .expect(201);
      expect(desk.body).toMatchObject({ partyDeskId: 'kanto' });
      await manager.delete(`/api/partner-plans/activities/${desk.body.id}`).expect(204);
    });
  });

  describe('links and progress', () => {
    let newsletter: Activity;
    let tours: Activity;
    let subsidies: Activity;
    let tourA: string;
    let tourB: string;
    let nextYear: string;
    let referralA: string;

    beforeAll(async () => {
      newsletter = (
        await manager
          .post('/api/partner-plans/activities', activityBody({ achieved: 9 }))
          .expect(201)
      ).body as Activity;
      tours = (
        await manager
          .post(
            '/api/partner-plans/activities',
            activityBody({ title: '会員企業の見学ツアー', target: 4, achieved: 4 }),
          )
          .expect(201)
      ).body as Activity;
      subsidies = (
        await manager
          .post(
            '/api/partner-plans/activities',
            activityBody({
              party: 'tokyo_metropolitan',
              partyName: null,
              title: 'テレワーク促進助成金の案内',
              unit: '社',
              target: null,
              achieved: 30,
            }),
          )
          .expect(201)
      ).body as Activity;
      tourA = await createEvent('2026-11-10T05:00:00.000Z', '見学ツアーA');
      tourB = await createEvent('2026-11-20T05:00:00.000Z', '見学ツアーB');
      nextYear = await createEvent('2027-05-10T05:00:00.000Z', '翌年度のツアー');
      referralA = await referral('紹介テスト商事');
    });

    it('links events and referrals of the plan’s year once each, audited', async () => {
      await manager
        .post(`/api/partner-plans/activities/${tours.id}/events`, { eventId: tourA })
        .expect(201);
      const linked = await manager
        .post(`/api/partner-plans/activities/${tours.id}/events`, { eventId: tourB })
        .expect(201);
      expect(linked.body).toMatchObject({ linkedEvents: 2, linkedPercent: 50 });
      expect((linked.body.events as { title: string }[]).map((e) => e.title)).toEqual([
        '見学ツアーA',
        '見学ツアーB',
      ]);
      const again = await manager
        .post(`/api/partner-plans/activities/${tours.id}/events`, { eventId: tourA })
        .expect(409);
      expect(again.body.code).toBe('PARTNER_PLAN_LINK_EXISTS');
      const otherYear = await manager
        .post(`/api/partner-plans/activities/${tours.id}/events`, { eventId: nextYear })
        .expect(400);
      expect(otherYear.body.details[0].field).toBe('eventId');
      const unknown = await manager
        .post(`/api/partner-plans/activities/${tours.id}/events`, {
          eventId: '00000000-0000-4000-8000-000000000000',
        })
        .expect(400);
      expect(unknown.body.details[0].field).toBe('eventId');
      await operator
        .post(`/api/partner-plans/activities/${tours.id}/events`, { eventId: nextYear })
        .expect(403);

      const candidates = await manager
        .get('/api/partner-plans/referral-candidates?fiscalYear=2026')
        .expect(200);
      expect(candidates.body.items).toEqual([
        expect.objectContaining({
          referralId: referralA,
          organizationName: '紹介テスト商事',
          programCode: 'tokyo.telework-sokushin',
        }),
      ]);
      await operator.get('/api/partner-plans/referral-candidates?fiscalYear=2026').expect(403);
      for (const activity of [newsletter, subsidies]) {
        await manager
          .post(`/api/partner-plans/activities/${activity.id}/referrals`, {
            referralId: referralA,
          })
          .expect(201);
      }
      const refAgain = await manager
        .post(`/api/partner-plans/activities/${newsletter.id}/referrals`, {
          referralId: referralA,
        })
        .expect(409);
      expect(refAgain.body.code).toBe('PARTNER_PLAN_LINK_EXISTS');

      // A plan of another year takes neither this year's events nor its referrals.
      const later = await manager
        .post('/api/partner-plans/activities', activityBody({ fiscalYear: 2027 }))
        .expect(201);
      const wrongYear = await manager
        .post(`/api/partner-plans/activities/${later.body.id}/referrals`, {
          referralId: referralA,
        })
        .expect(400);
      expect(wrongYear.body.details[0].field).toBe('referralId');
      // Nor does an activity with links move to another year under them.
      const move = await manager
        .patch(`/api/partner-plans/activities/${tours.id}`, { fiscalYear: 2027, version: 1 })
        .expect(400);
      expect(move.body.details[0].field).toBe('fiscalYear');

      // Unlinking: once, then there is nothing to unlink.
      const extra = await createEvent('2026-12-01T05:00:00.000Z', '一時的なリンク');
      await manager
        .post(`/api/partner-plans/activities/${newsletter.id}/events`, { eventId: extra })
        .expect(201);
      await manager
        .delete(`/api/partner-plans/activities/${newsletter.id}/events/${extra}`)
        .expect(204);
      await manager
        .delete(`/api/partner-plans/activities/${newsletter.id}/events/${extra}`)
        .expect(404);
      const actions = await t.db.query<{ action: string }[]>(
        `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`,
        [newsletter.id],
      );
      expect(actions.map((a) => a.action)).toEqual([
        'partner_plan.created',
        'partner_plan.referral_linked',
        'partner_plan.event_linked',
        'partner_plan.event_unlinked',
      ]);
      await manager.delete(`/api/partner-plans/activities/${later.body.id}`).expect(204);
    });

    it('reports the progress per party and activity against a hand count', async () => {
      const res = await manager.get('/api/reports/partner-plans?fiscalYear=2026').expect(200);
      expect(res.body.dataAsOf).toEqual(expect.any(String));
      expect(res.body.fiscalYear).toBe(2026);
      // Newsletter: 9 of 12 reported (75%), one referral linked (1/12 = 8.3%). Tours: 4 of 4,
      // two events linked (2/4). Subsidies: no target, one referral.
      // In the parties' order (Tokyo before the chamber), then by title.
      expect(res.body.activities).toEqual([
        expect.objectContaining({
          party: 'tokyo_metropolitan',
          target: null,
          achieved: 30,
          percent: null,
          linkedReferrals: 1,
          linkedPercent: null,
        }),
        expect.objectContaining({
          title: '会員企業の見学ツアー',
          target: 4,
          achieved: 4,
          percent: 100,
          linkedEvents: 2,
          linkedReferrals: 0,
          linkedPercent: 50,
        }),
        expect.objectContaining({
          title: '会報で東京テレワーク推進センターを周知',
          target: 12,
          achieved: 9,
          percent: 75,
          linkedEvents: 0,
          linkedReferrals: 1,
          linkedPercent: 8.3,
        }),
      ]);
      expect(res.body.parties).toEqual([
        {
          party: 'tokyo_metropolitan',
          partyDeskId: null,
          partyName: null,
          activities: 1,
          withTarget: 0,
          reached: 0,
          meanPercent: null,
          linkedEvents: 0,
          linkedReferrals: 1,
        },
        {
          party: 'chamber_of_commerce',
          partyDeskId: null,
          partyName: '東京商工会議所',
          activities: 2,
          withTarget: 2,
          reached: 1,
          meanPercent: 87.5,
          linkedEvents: 2,
          linkedReferrals: 1,
        },
      ]);
      await operator.get('/api/reports/partner-plans?fiscalYear=2026').expect(403);
      const missing = await manager.get('/api/reports/partner-plans').expect(400);
      expect(missing.body.details[0].field).toBe('fiscalYear');
    });

    it('puts the events funnel and the plan progress in the monthly workbook', async () => {
      const organization = (
        await operator
          .post('/api/cases', intakeBody({ organization: { name: '参加者商事' } }))
          .expect(201)
      ).body.organization.id as string;
      const registrations: string[] = [];
      for (const [event, name] of [
        [tourA, '参加 一'],
        [tourA, '参加 二'],
        [tourB, '参加 三'],
      ] as const) {
        const r = await operator
          .post(`/api/events/${event}/registrations`, { organizationId: organization, name })
          .expect(201);
        registrations.push(r.body.id as string);
      }
      await operator
        .post(`/api/events/${tourA}/registrations/${registrations[0]}/attendance`, {
          attendance: 'attended',
        })
        .expect(200);

      const res = await binary(manager.get('/api/reports/results.xlsx?period=2026-11')).expect(200);
      const workbook = await readWorkbook(res.body as Buffer);
      const names = workbook.worksheets.map((w) => w.name);
      expect(names.slice(-2)).toEqual(['イベントの成果', 'パートナー計画の進捗']);

      const funnel = workbook.getWorksheet('イベントの成果')!;
      expect(funnel.getRow(4).values).toEqual([
        undefined,
        '開催日',
        'イベント',
        '種別',
        '主催',
        '申込',
        '参加',
        '相談案件化',
        '専門家派遣',
        '導入',
      ]);
      // November's two tours (the December link test's event is outside the month).
      expect(funnel.getRow(5).values).toEqual([
        undefined,
        '2026-11-10',
        '見学ツアーA',
        '見学ツアー',
        '商工会議所',
        2,
        1,
        0,
        0,
        0,
      ]);
      expect(funnel.getRow(6).values).toEqual([
        undefined,
        '2026-11-20',
        '見学ツアーB',
        '見学ツアー',
        '商工会議所',
        1,
        0,
        0,
        0,
        0,
      ]);
      expect(funnel.getRow(7).values).toEqual([
        undefined,
        '合計',
        undefined,
        undefined,
        undefined,
        3,
        1,
        0,
        0,
        0,
      ]);

      const plans = workbook.getWorksheet('パートナー計画の進捗')!;
      expect(plans.getRow(5).getCell(1).value).toBe('東京都');
      expect(plans.getRow(5).getCell(4).text).toBe('');
      expect(plans.getRow(5).getCell(5).value).toBe(30);
      expect(plans.getRow(6).values).toEqual([
        undefined,
        '商工会議所 東京商工会議所',
        '会員企業の見学ツアー',
        '回',
        4,
        4,
        100,
        2,
        0,
        50,
      ]);
      expect(plans.getRow(7).values).toEqual([
        undefined,
        '商工会議所 東京商工会議所',
        '会報で東京テレワーク推進センターを周知',
        '回',
        12,
        9,
        75,
        0,
        1,
        8.3,
      ]);
    });
  });
});
