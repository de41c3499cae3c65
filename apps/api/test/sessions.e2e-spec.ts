import { fiscalYearOf } from '@madoguchi/domain';
import type { IntakeOrganizationDto } from '../src/modules/cases/dto/intake.dto';
import { makeExpert, moveIntoPast, nextFreeStart, type TestExpert } from './support/experts';
import { intakeBody } from './support/factories';
import { type SignedIn, signIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

let counter = 0;
const intake = (
  organization: Partial<IntakeOrganizationDto> = {},
  topics = ['LAB.TIME', 'ICT.SEC'],
) => {
  counter += 1;
  return intakeBody({
    organization: { name: `セッション商事${counter}`, prefectureCode: '13', ...organization },
    topics,
  });
};

const booking = (expert: TestExpert, overrides: Record<string, unknown> = {}) => ({
  expertId: expert.id,
  kind: 'assessment',
  scheduledStart: nextFreeStart().toISOString(),
  durationMinutes: 90,
  mode: 'onsite',
  location: '先方事務所',
  ...overrides,
});

const report = {
  findings: '紙の申請が多い。',
  recommendations: '規程を整える。',
  nextSteps: '棚卸しをする。',
  minutesSpent: 90,
  honorariumYen: 30000,
};

describe('expert sessions', () => {
  let t: TestApp;
  let operator: SignedIn;
  let kanto: SignedIn;
  let manager: SignedIn;
  let admin: SignedIn;
  let e1: TestExpert;
  let e2: TestExpert;

  const newCase = async (organization: Partial<IntakeOrganizationDto> = {}, topics?: string[]) =>
    (await operator.post('/api/cases', intake(organization, topics)).expect(201)).body as {
      id: string;
      organization: { id: string };
      version: number;
    };
  const book = (caseId: string, body: object) =>
    operator.post(`/api/cases/${caseId}/sessions`, body);

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
    manager = await signInAs(t, 'manager', 'national');
    admin = await signInAs(t, 'admin', 'national');
    e1 = await makeExpert(t, { specialties: ['LAB.TIME'] });
    e2 = await makeExpert(t, { specialties: ['ICT.SEC'] });
  });
  afterAll(() => t.close());

  describe('the free-session allowance', () => {
    it('allows three sessions per organization across its cases, and refuses the fourth', async () => {
      const a = await newCase();
      const b = await newCase({ id: a.organization.id });
      await book(a.id, booking(e1)).expect(201);
      await book(a.id, booking(e2, { kind: 'preparation' })).expect(201);
      await book(b.id, booking(e1)).expect(201);

      for (const caseId of [b.id, a.id]) {
        const refused = await book(caseId, booking(e2)).expect(409);
        expect(refused.body).toMatchObject({
          code: 'SESSION_LIMIT_REACHED',
          sessionAllowance: { limit: 3, used: 3, remaining: 0 },
        });
      }
      const organization = await operator
        .get(`/api/organizations/${a.organization.id}`)
        .expect(200);
      expect(organization.body.sessionAllowance).toEqual({
        limit: 3,
        used: 3,
        remaining: 0,
        period: 'lifetime',
        fiscalYear: null,
      });
      expect(organization.body.sessionGrants).toEqual([]);
      const rows = await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM expert_session WHERE organization_id = $1`,
        [a.organization.id],
      );
      expect(rows[0]!.n).toBe(3);
    });

    it('gives the slot back when a session is cancelled; a no-show keeps it used', async () => {
      const c = await newCase({ teleworkStatus: 'trial' });
      const first = (await book(c.id, booking(e1)).expect(201)).body;
      const second = (await book(c.id, booking(e1)).expect(201)).body;
      await book(c.id, booking(e2)).expect(201);
      await book(c.id, booking(e2)).expect(409);

      const cancelled = await operator
        .post(`/api/sessions/${first.id}/cancel`, { reason: '先方都合' })
        .expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '先方都合' });
      const again = await book(c.id, booking(e2, { kind: 'follow_up' })).expect(201);

      await moveIntoPast(t, second.id);
      await operator.post(`/api/sessions/${second.id}/no-show`, { note: '連絡なし' }).expect(200);
      await book(c.id, booking(e2)).expect(409);
      expect(again.body.status).toBe('scheduled');
    });

    it('lets a manager grant one more session, with a reason, audited', async () => {
      const c = await newCase();
      for (let i = 0; i < 3; i += 1) {
        await book(c.id, booking(e1)).expect(201);
      }
      await book(c.id, booking(e1)).expect(409);

      await operator
        .post(`/api/organizations/${c.organization.id}/session-grants`, { reason: 'x' })
        .expect(403);
      const blank = await manager
        .post(`/api/organizations/${c.organization.id}/session-grants`, { reason: '  ' })
        .expect(400);
      expect(blank.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
      const grant = await manager
        .post(`/api/organizations/${c.organization.id}/session-grants`, {
          reason: '就業規則の改定に追加の助言が必要',
        })
        .expect(201);
      expect(grant.body).toMatchObject({
        reason: '就業規則の改定に追加の助言が必要',
        grantedBy: manager.user.id,
        fiscalYear: fiscalYearOf(new Date()),
      });

      await book(c.id, booking(e1)).expect(201);
      await book(c.id, booking(e1)).expect(409);
      const organization = await operator
        .get(`/api/organizations/${c.organization.id}`)
        .expect(200);
      expect(organization.body.sessionAllowance).toMatchObject({ limit: 4, used: 4, remaining: 0 });
      expect(organization.body.sessionGrants).toEqual([
        expect.objectContaining({ id: grant.body.id, grantedByName: expect.any(String) }),
      ]);
      const audit = await t.db.query<{ action: string }[]>(
        `SELECT action FROM audit_event WHERE entity_id = $1 AND action = 'organization.session_granted'`,
        [c.organization.id],
      );
      expect(audit).toHaveLength(1);
    });

    it('renews the allowance each fiscal year when the program says so', async () => {
      const settings = await operator.get('/api/settings/sessions').expect(200);
      expect(settings.body).toMatchObject({ limit: 3, period: 'lifetime' });
      const nextYear = fiscalYearOf(new Date()) + 1;
      // 10:00 JST on days inside the next fiscal year and the one after it: always in the future.
      const inYear = (fy: number, day: number) =>
        new Date(Date.UTC(fy, 4, day, 1, 0, 0)).toISOString();
      const c = await newCase();
      const expert = await makeExpert(t);
      for (const day of [10, 11, 12]) {
        await book(c.id, booking(expert, { scheduledStart: inYear(nextYear, day) })).expect(201);
      }
      await book(c.id, booking(expert, { scheduledStart: inYear(nextYear + 1, 10) })).expect(409);

      await operator
        .patch('/api/settings/sessions', { version: 1, period: 'fiscal_year' })
        .expect(403);
      const stale = await admin
        .patch('/api/settings/sessions', { version: 99, period: 'fiscal_year' })
        .expect(409);
      expect(stale.body.code).toBe('PROGRAM_SETTINGS_VERSION_CONFLICT');
      const changed = await admin
        .patch('/api/settings/sessions', { version: settings.body.version, period: 'fiscal_year' })
        .expect(200);
      expect(changed.body).toMatchObject({ limit: 3, period: 'fiscal_year' });
      try {
        await book(c.id, booking(expert, { scheduledStart: inYear(nextYear, 13) })).expect(409);
        const later = await book(
          c.id,
          booking(expert, { scheduledStart: inYear(nextYear + 1, 10) }),
        ).expect(201);
        expect(later.body.fiscalYear).toBe(nextYear + 1);
        // This year the organization has used none of its sessions.
        const organization = await operator.get(`/api/organizations/${c.organization.id}`);
        expect(organization.body.sessionAllowance).toMatchObject({
          used: 0,
          remaining: 3,
          period: 'fiscal_year',
          fiscalYear: fiscalYearOf(new Date()),
        });
      } finally {
        await admin
          .patch('/api/settings/sessions', { version: changed.body.version, period: 'lifetime' })
          .expect(200);
      }
    });
  });

  describe('booking', () => {
    it('answers 400 naming the field for a start in the past or without an offset', async () => {
      const c = await newCase();
      const past = await book(
        c.id,
        booking(e1, { scheduledStart: new Date(Date.now() - 60_000).toISOString() }),
      ).expect(400);
      expect(past.body.details).toEqual([expect.objectContaining({ field: 'scheduledStart' })]);
      const local = await book(c.id, booking(e1, { scheduledStart: '2030-01-10T10:00:00' })).expect(
        400,
      );
      expect(local.body.details).toEqual([expect.objectContaining({ field: 'scheduledStart' })]);
      const missing = await book(c.id, { expertId: e1.id }).expect(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['kind', 'scheduledStart', 'durationMinutes', 'mode']),
      );
    });

    it('answers 400 naming expertId for an unknown or inactive expert', async () => {
      const c = await newCase();
      const inactive = await makeExpert(t, { active: false });
      const res = await book(c.id, booking(inactive)).expect(400);
      expect(res.body.details).toEqual([
        { field: 'expertId', message: 'is not an active expert', constraint: 'invalid' },
      ]);
      const unknown = await book(
        c.id,
        booking(e1, { expertId: '00000000-0000-4000-8000-000000000000' }),
      ).expect(400);
      expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'expertId' })]);
      // A deactivated account deactivates the expert too.
      const gone = await makeExpert(t);
      await t.db.query(`UPDATE app_user SET active = false WHERE id = $1`, [gone.user.id]);
      await book(c.id, booking(gone)).expect(400);
    });

    it('refuses a follow-up before telework is introduced, unless a reason is given', async () => {
      const c = await newCase({ teleworkStatus: 'not_started' });
      const res = await book(c.id, booking(e1, { kind: 'follow_up' })).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
        'kind',
        'kindOverrideReason',
      ]);
      const overridden = await book(
        c.id,
        booking(e1, { kind: 'follow_up', kindOverrideReason: '試行は非公式に始まっている' }),
      ).expect(201);
      expect(overridden.body).toMatchObject({
        kind: 'follow_up',
        kindOverrideReason: '試行は非公式に始まっている',
      });
      const trial = await newCase({ teleworkStatus: 'trial' });
      await book(trial.id, booking(e1, { kind: 'follow_up' })).expect(201);
    });

    it('keeps an expert out of two places at once; a cancellation frees the slot', async () => {
      const start = nextFreeStart();
      const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
      const a = await newCase();
      const b = await newCase();
      const first = await book(a.id, booking(e1, { scheduledStart: at(0) })).expect(201);
      const clash = await book(b.id, booking(e1, { scheduledStart: at(60) })).expect(409);
      expect(clash.body.code).toBe('EXPERT_DOUBLE_BOOKED');
      // Back to back is fine: the slot ends as the next begins.
      await book(b.id, booking(e1, { scheduledStart: at(90) })).expect(201);
      // Another expert at the same time is fine too.
      await book(b.id, booking(e2, { scheduledStart: at(60) })).expect(201);
      await operator.post(`/api/sessions/${first.body.id}/cancel`, { reason: '延期' }).expect(200);
      await book(a.id, booking(e1, { scheduledStart: at(30), durationMinutes: 60 })).expect(201);
    });

    it('answers 404 for a case outside the caller’s scope, and 403 for readers', async () => {
      const c = await newCase();
      await kanto.post(`/api/cases/${c.id}/sessions`, booking(e1)).expect(404);
      await manager.post(`/api/cases/${c.id}/sessions`, booking(e1)).expect(403);
    });
  });

  describe('lifecycle and timeline', () => {
    it('moves a new case into in_sessions and writes the timeline', async () => {
      const c = await newCase();
      const session = await book(c.id, booking(e1)).expect(201);
      expect(session.body).toMatchObject({
        caseId: c.id,
        organizationId: c.organization.id,
        expertId: e1.id,
        status: 'scheduled',
        durationMinutes: 90,
        mode: 'onsite',
        bookedBy: operator.user.id,
      });
      const kase = await operator.get(`/api/cases/${c.id}`).expect(200);
      expect(kase.body).toMatchObject({ status: 'in_sessions', version: c.version + 1 });
      const timeline = await operator.get(`/api/cases/${c.id}/events`).expect(200);
      expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual([
        'created',
        'session_booked',
        'status_changed',
      ]);
      expect(timeline.body.items[2].data).toEqual({
        from: 'new',
        to: 'in_sessions',
        via: ['referred_to_expert'],
        reason: 'session_booked',
      });
      const audit = await t.db.query<{ action: string }[]>(
        `SELECT action FROM audit_event WHERE entity_id = $1`,
        [session.body.id],
      );
      expect(audit.map((a) => a.action)).toEqual(['session.booked']);
    });

    it('leaves a case waiting on the customer where it is', async () => {
      const c = await newCase();
      await operator
        .post(`/api/cases/${c.id}/transitions`, { to: 'waiting_on_customer', version: c.version })
        .expect(200);
      await book(c.id, booking(e1)).expect(201);
      const kase = await operator.get(`/api/cases/${c.id}`).expect(200);
      expect(kase.body.status).toBe('waiting_on_customer');
    });

    it('completes, cancels and marks no-shows once, each on the timeline', async () => {
      const c = await newCase({ teleworkStatus: 'partial' });
      const done = (await book(c.id, booking(e1)).expect(201)).body;
      const absent = (await book(c.id, booking(e2)).expect(201)).body;
      const off = (await book(c.id, booking(e2, { kind: 'follow_up' })).expect(201)).body;

      const early = await operator.post(`/api/sessions/${done.id}/complete`, report).expect(409);
      expect(early.body).toMatchObject({ code: 'SESSION_STATE_CONFLICT', status: 'scheduled' });
      await operator.post(`/api/sessions/${absent.id}/no-show`, {}).expect(409);

      await moveIntoPast(t, done.id);
      await moveIntoPast(t, absent.id);
      const completed = await operator
        .post(`/api/sessions/${done.id}/complete`, report)
        .expect(200);
      expect(completed.body).toMatchObject({
        status: 'completed',
        findings: '紙の申請が多い。',
        recommendations: '規程を整える。',
        nextSteps: '棚卸しをする。',
        minutesSpent: 90,
        honorariumYen: 30000,
        closedAt: expect.any(String),
      });
      await operator.post(`/api/sessions/${absent.id}/no-show`, {}).expect(200);
      await operator.post(`/api/sessions/${off.id}/cancel`, { reason: '中止' }).expect(200);

      for (const [id, action] of [
        [done.id, 'cancel'],
        [absent.id, 'complete'],
        [off.id, 'no-show'],
        [off.id, 'cancel'],
      ] as const) {
        const body = action === 'cancel' ? { reason: 'x' } : action === 'complete' ? report : {};
        const res = await operator.post(`/api/sessions/${id}/${action}`, body).expect(409);
        expect(res.body.code).toBe('SESSION_STATE_CONFLICT');
      }
      const incomplete = await operator
        .post(`/api/sessions/${done.id}/complete`, { minutesSpent: -1 })
        .expect(400);
      expect(incomplete.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['findings', 'minutesSpent']),
      );

      const timeline = await operator.get(`/api/cases/${c.id}/events`).expect(200);
      const sessionEvents = timeline.body.items.filter((e: { kind: string }) =>
        e.kind.startsWith('session_'),
      );
      expect(sessionEvents.map((e: { kind: string }) => e.kind)).toEqual([
        'session_booked',
        'session_booked',
        'session_booked',
        'session_completed',
        'session_no_show',
        'session_cancelled',
      ]);
      expect(sessionEvents[3]).toMatchObject({
        body: '紙の申請が多い。',
        actorId: operator.user.id,
      });
      expect(sessionEvents[5]).toMatchObject({ body: '中止', data: { sessionId: off.id } });

      const listed = await operator.get(`/api/cases/${c.id}/sessions`).expect(200);
      expect(listed.body.items.map((s: { status: string }) => s.status).sort()).toEqual([
        'cancelled',
        'completed',
        'no_show',
      ]);
    });

    it('refuses to book on a closed case', async () => {
      const c = await newCase();
      await operator
        .post(`/api/cases/${c.id}/transitions`, {
          to: 'closed',
          version: c.version,
          outcome: 'unknown',
          outcomeConfirmedOn: '2026-01-05',
        })
        .expect(200);
      const res = await book(c.id, booking(e1)).expect(409);
      expect(res.body.code).toBe('CASE_CLOSED');
    });

    it('filters the session list by expert, period and status', async () => {
      const c = await newCase();
      const start = nextFreeStart();
      const s = (await book(c.id, booking(e2, { scheduledStart: start.toISOString() })).expect(201))
        .body;
      const from = new Date(start.getTime() - 60_000).toISOString();
      const to = new Date(start.getTime() + 60_000).toISOString();
      const res = await operator
        .get(`/api/sessions?expertId=${e2.id}&from=${from}&to=${to}&status=scheduled`)
        .expect(200);
      expect(res.body.items.map((x: { id: string }) => x.id)).toEqual([s.id]);
      const none = await operator
        .get(`/api/sessions?expertId=${e1.id}&from=${from}&to=${to}`)
        .expect(200);
      expect(none.body.items).toEqual([]);
      await operator.get('/api/sessions?status=done').expect(400);
    });
  });

  describe('what an expert sees and does', () => {
    it('sees only the cases and sessions they are booked on, and reports on their own', async () => {
      const expert = await makeExpert(t);
      const colleague = await makeExpert(t);
      const mine = await newCase();
      const theirs = await newCase();
      const dropped = await newCase();
      const ownSession = (await book(mine.id, booking(expert)).expect(201)).body;
      const colleagueOnMine = (await book(mine.id, booking(colleague)).expect(201)).body;
      const colleagueSession = (await book(theirs.id, booking(colleague)).expect(201)).body;
      const cancelled = (await book(dropped.id, booking(expert)).expect(201)).body;
      await operator.post(`/api/sessions/${cancelled.id}/cancel`, { reason: '交代' }).expect(200);

      const me = await signIn(t, expert.user);
      const cases = await me.get('/api/cases').expect(200);
      expect(cases.body.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
      await me.get(`/api/cases/${mine.id}`).expect(200);
      await me.get(`/api/cases/${mine.id}/events`).expect(200);
      await me.get(`/api/cases/${theirs.id}`).expect(404);
      await me.get(`/api/cases/${dropped.id}`).expect(404);

      const sessions = await me.get('/api/sessions').expect(200);
      expect(sessions.body.items.map((s: { id: string }) => s.id).sort()).toEqual(
        [ownSession.id, cancelled.id].sort(),
      );
      const filtered = await me.get(`/api/sessions?expertId=${colleague.id}`).expect(200);
      expect(filtered.body.items).toEqual([]);
      const ofCase = await me.get(`/api/cases/${mine.id}/sessions`).expect(200);
      expect(ofCase.body.items.map((s: { id: string }) => s.id)).toEqual([ownSession.id]);
      await me.get(`/api/sessions/${colleagueOnMine.id}`).expect(404);
      await me.get(`/api/sessions/${colleagueSession.id}`).expect(404);
      await me.get(`/api/cases/${theirs.id}/sessions`).expect(404);

      // Reading is all: no edits, no bookings, no cancelling.
      await me.patch(`/api/cases/${mine.id}`, { version: 1, subject: 'x' }).expect(403);
      await me.post(`/api/cases/${mine.id}/sessions`, booking(expert)).expect(403);
      await me.post(`/api/sessions/${ownSession.id}/cancel`, { reason: 'x' }).expect(403);
      await me.get(`/api/cases/${mine.id}/expert-suggestions`).expect(403);

      await moveIntoPast(t, ownSession.id);
      await moveIntoPast(t, colleagueOnMine.id);
      await me.post(`/api/sessions/${colleagueOnMine.id}/complete`, report).expect(404);
      const completed = await me
        .post(`/api/sessions/${ownSession.id}/complete`, report)
        .expect(200);
      expect(completed.body.status).toBe('completed');
      const timeline = await operator.get(`/api/cases/${mine.id}/events`).expect(200);
      expect(
        timeline.body.items.find((e: { kind: string }) => e.kind === 'session_completed'),
      ).toMatchObject({ kind: 'session_completed', actorId: expert.user.id });
      // Completing a session schedules the outcome checks at +3 and +6 months.
      const followUps = await operator.get(`/api/cases/${mine.id}/follow-ups`).expect(200);
      expect(
        followUps.body.items.map((f: { kind: string; monthsAfter: number }) => [
          f.kind,
          f.monthsAfter,
        ]),
      ).toEqual([
        ['outcome_check', 3],
        ['outcome_check', 6],
      ]);
    });

    it('reads its own profile', async () => {
      const expert = await makeExpert(t, { specialties: ['LAB.OSH'] });
      const me = await signIn(t, expert.user);
      const res = await me.get('/api/experts/me').expect(200);
      expect(res.body).toMatchObject({ id: expert.id, specialties: ['LAB.OSH'] });
      await me.get('/api/experts').expect(403);
    });
  });

  describe('expert suggestions', () => {
    it('ranks active experts by topic, prefecture, load and free time, with reasons', async () => {
      const topics = ['LAB.EVAL', 'ICT.PAPER'];
      const best = await makeExpert(t, { specialties: topics, prefectures: ['40'] });
      const remote = await makeExpert(t, { specialties: topics, prefectures: ['27'] });
      const sameField = await makeExpert(t, { specialties: ['LAB.RULES'], prefectures: ['40'] });
      const busy = await makeExpert(t, {
        specialties: topics,
        prefectures: ['40'],
        capacityPerMonth: 1,
      });
      const inactive = await makeExpert(t, {
        specialties: topics,
        prefectures: ['40'],
        active: false,
      });
      const c = await newCase({ prefectureCode: '40' }, topics);

      // The busy expert has the whole working day booked and their month full.
      const date = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
      const other = await newCase();
      await book(
        other.id,
        booking(busy, { scheduledStart: `${date}T09:00:00+09:00`, durationMinutes: 480 }),
      ).expect(201);

      const res = await operator
        .get(`/api/cases/${c.id}/expert-suggestions?date=${date}`)
        .expect(200);
      expect(res.body).toMatchObject({
        date,
        suggestedKind: 'assessment',
        sessionAllowance: { limit: 3, used: 0, remaining: 3 },
      });
      const ids = res.body.items.map((i: { expert: { id: string } }) => i.expert.id);
      expect(ids).not.toContain(inactive.id);
      const rank = (e: TestExpert) => ids.indexOf(e.id);
      expect(rank(best)).toBe(0);
      expect(rank(best)).toBeLessThan(rank(remote));
      expect(rank(remote)).toBeLessThan(rank(sameField));
      expect(rank(best)).toBeLessThan(rank(busy));

      const item = (e: TestExpert) =>
        res.body.items.find((i: { expert: { id: string } }) => i.expert.id === e.id);
      expect(item(best)).toMatchObject({
        score: 100,
        freeMinutesOnDate: 480,
        sessionsThisMonth: 0,
      });
      expect(item(best).reasons).toEqual([
        { code: 'TOPIC_MATCH', detail: 'ICT.PAPER, LAB.EVAL (2 of 2)' },
        { code: 'COVERS_PREFECTURE', detail: '40' },
        { code: 'CAPACITY_LEFT', detail: '0 of 8 this month' },
        { code: 'FREE_ON_DATE', detail: `free all day on ${date}` },
      ]);
      const busyCodes = item(busy).reasons.map((r: { code: string }) => r.code);
      expect(busyCodes).toEqual(expect.arrayContaining(['AT_CAPACITY', 'BUSY_ON_DATE']));
      expect(item(busy).freeMinutesOnDate).toBe(0);
      expect(item(remote).reasons).toContainEqual({
        code: 'OUTSIDE_PREFECTURE',
        detail: '40 (online sessions only)',
      });
      expect(item(sameField).reasons.map((r: { code: string }) => r.code)).toContain(
        'TOPIC_CATEGORY_MATCH',
      );

      await operator.get(`/api/cases/${c.id}/expert-suggestions?date=2026-02-30`).expect(400);
      await operator.get(`/api/cases/${c.id}/expert-suggestions?date=tomorrow`).expect(400);
      await kanto.get(`/api/cases/${c.id}/expert-suggestions`).expect(404);
    });
  });

  describe('calendar feed', () => {
    it('serves the expert’s non-cancelled sessions at a private, revocable URL', async () => {
      const expert = await makeExpert(t);
      const c = await newCase();
      const kept = (await book(c.id, booking(expert)).expect(201)).body;
      const dropped = (await book(c.id, booking(expert)).expect(201)).body;
      await operator.post(`/api/sessions/${dropped.id}/cancel`, { reason: '中止' }).expect(200);

      const me = await signIn(t, expert.user);
      const other = await signIn(t, e1.user);
      await other.post(`/api/experts/${expert.id}/calendar-token`).expect(404);
      await operator.post(`/api/experts/${expert.id}/calendar-token`).expect(403);
      const issued = await me.post(`/api/experts/${expert.id}/calendar-token`).expect(201);
      expect(issued.body.url).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

      const feed = await t.http().get(issued.body.url).expect(200);
      expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(feed.text).toContain('BEGIN:VCALENDAR');
      expect(feed.text).toContain(`UID:${kept.id}@madoguchi`);
      expect(feed.text).not.toContain(dropped.id);
      expect(feed.text.match(/BEGIN:VEVENT/g)).toHaveLength(1);

      // An admin's new URL replaces the old one; revoking stops it at once.
      const reissued = await admin.post(`/api/experts/${expert.id}/calendar-token`).expect(201);
      await t.http().get(issued.body.url).expect(404);
      await t.http().get(reissued.body.url).expect(200);
      await me.delete(`/api/experts/${expert.id}/calendar-token`).expect(204);
      await t.http().get(reissued.body.url).expect(404);
      await t.http().get('/api/calendar/not-a-token.ics').expect(404);
    });
  });

  describe('organization merges', () => {
    it('keeps a session’s organization its case’s organization at every commit', async () => {
      const c = await newCase();
      const target = await newCase();
      await book(c.id, booking(e2)).expect(201);
      // Moving the case alone would leave its sessions behind: refused at commit.
      await expect(
        t.db.transaction(async (db) => {
          await db.query(`UPDATE "case" SET organization_id = $2 WHERE id = $1`, [
            c.id,
            target.organization.id,
          ]);
        }),
      ).rejects.toMatchObject({ constraint: 'expert_session_case_fkey' });
      // Moving both, as a merge does, counts the sessions for the surviving organization.
      await t.db.transaction(async (db) => {
        await db.query(`UPDATE "case" SET organization_id = $2 WHERE organization_id = $1`, [
          c.organization.id,
          target.organization.id,
        ]);
        await db.query(
          `UPDATE expert_session SET organization_id = $2 WHERE organization_id = $1`,
          [c.organization.id, target.organization.id],
        );
      });
      const survivor = await operator.get(`/api/organizations/${target.organization.id}`);
      expect(survivor.body.sessionAllowance).toMatchObject({ used: 1, remaining: 2 });
    });
  });
});
