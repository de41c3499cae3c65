import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

interface CaseBody {
  id: string;
  deskId: string;
  assigneeId: string | null;
  version: number;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  slaPausedSince: string | null;
  pendingTransfer: { toDeskId: string; acceptDueAt: string; reason: string } | null;
}

describe('routing, SLA clocks and transfers', () => {
  let t: TestApp;
  let operator: SignedIn;
  let kanto: SignedIn;
  let kinki: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
    kinki = await signInAs(t, 'desk_staff', 'kinki');
    admin = await signInAs(t, 'admin');
  });
  afterAll(() => t.close());

  const intake = (who: SignedIn, overrides: Record<string, unknown> = {}) =>
    who
      .post('/api/cases', {
        channel: 'email',
        organization: { name: `ルーティング商事${Math.random()}`, prefectureCode: '13' },
        topics: ['ICT.SEC'],
        subject: 'VPNの選び方',
        ...overrides,
      })
      .expect(201)
      .then((r) => r.body as CaseBody);

  describe('routing', () => {
    it('puts a Tokyo walk-in on the Kanto desk, even when the national center logs it', async () => {
      const c = await intake(operator, { channel: 'walk_in' });
      expect(c.deskId).toBe('kanto');
      // The center is not the Kanto desk, so the logger does not keep it.
      expect(c.assigneeId).toBeNull();
    });

    it('puts an email on the national center', async () => {
      const c = await intake(operator, { channel: 'email' });
      expect(c.deskId).toBe('national');
      expect(c.assigneeId).toBe(operator.user.id);
    });

    it('keeps what a regional desk logs at that desk', async () => {
      const c = await intake(kinki, {
        channel: 'phone',
        organization: { name: '近畿で受けた会社', prefectureCode: '27' },
      });
      expect(c.deskId).toBe('kinki');
      expect(c.assigneeId).toBe(kinki.user.id);
    });

    it('takes the desk chosen at intake over the rules, within the logger’s reach', async () => {
      // The center hands a Tokyo caller to the Kinki desk they asked for.
      const c = await intake(operator, { channel: 'walk_in', deskId: 'kinki' });
      expect(c.deskId).toBe('kinki');
      const timeline = await operator.get(`/api/cases/${c.id}/events`).expect(200);
      const created = (timeline.body as { items: { kind: string; data: unknown }[] }).items.find(
        (e) => e.kind === 'created',
      );
      expect(created?.data).toMatchObject({ deskId: 'kinki', deskChosenAtIntake: true });

      // Kanto staff keep their own walk-in, but cannot log a case away from their view.
      expect((await intake(kanto, { channel: 'walk_in', deskId: 'kanto' })).deskId).toBe('kanto');
      const elsewhere = await kanto
        .post('/api/cases', {
          channel: 'walk_in',
          deskId: 'kinki',
          organization: { name: '他窓口商事', prefectureCode: '13' },
          topics: ['ICT.SEC'],
          subject: '件名',
        })
        .expect(400);
      expect(elsewhere.body.details).toEqual([
        expect.objectContaining({ field: 'deskId', message: expect.stringContaining('own desk') }),
      ]);

      for (const bad of ['nowhere', 'NOT A DESK']) {
        const res = await operator
          .post('/api/cases', {
            channel: 'email',
            deskId: bad,
            organization: { name: '不明窓口商事', prefectureCode: '13' },
            topics: ['ICT.SEC'],
            subject: '件名',
          })
          .expect(400);
        expect(res.body.details[0].field).toBe('deskId');
      }
    });

    it('follows admin rules by topic and industry, first match by position', async () => {
      const rule = await admin
        .post('/api/routing-rules', {
          position: 5,
          name: '小売の労務は近畿へ(テスト)',
          channels: ['email'],
          topicCodes: ['LAB'],
          industryCodes: ['I'],
          target: 'desk',
          deskId: 'kinki',
        })
        .expect(201);
      const routed = await intake(operator, {
        organization: { name: '小売テスト', industryCode: 'I' },
        topics: ['LAB.TIME'],
      });
      expect(routed.deskId).toBe('kinki');
      const other = await intake(operator, {
        organization: { name: '製造テスト', industryCode: 'E' },
        topics: ['LAB.TIME'],
      });
      expect(other.deskId).toBe('national');
      await admin
        .patch(`/api/routing-rules/${rule.body.id}`, { version: 1, active: false })
        .expect(200);
      const stale = await admin
        .patch(`/api/routing-rules/${rule.body.id}`, { version: 1, active: true })
        .expect(409);
      expect(stale.body.code).toBe('ROUTING_RULE_VERSION_CONFLICT');
      await admin.delete(`/api/routing-rules/${rule.body.id}`).expect(204);
    });

    it('names bad rule fields and keeps rules to admins', async () => {
      const bad = await admin
        .post('/api/routing-rules', { position: 1, name: 'x', target: 'desk', channels: ['fax'] })
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'channels',
        'deskId',
      ]);
      await operator
        .post('/api/routing-rules', { position: 1, name: 'x', target: 'coverage' })
        .expect(403);
    });

    it('auto-assigns round-robin within a desk', async () => {
      const extra = await signInAs(t, 'desk_staff', 'tohoku');
      const extra2 = await signInAs(t, 'desk_staff', 'tohoku');
      await admin.patch('/api/desks/tohoku', { assignmentMode: 'round_robin' }).expect(200);
      const picks = [];
      for (let i = 0; i < 4; i += 1) {
        const c = await intake(operator, {
          channel: 'walk_in',
          organization: { name: `東北来訪${i}`, prefectureCode: '04' },
        });
        expect(c.deskId).toBe('tohoku');
        picks.push(c.assigneeId);
      }
      const ids = [extra.user.id, extra2.user.id];
      expect(new Set(picks)).toEqual(new Set(ids));
      expect(picks[0]).not.toBe(picks[1]);
      expect(picks[0]).toBe(picks[2]);
    });

    it("keeps each desk's default intake channel, set by an admin only", async () => {
      const before = await operator.get('/api/desks').expect(200);
      const shikoku = (before.body as { items: { id: string; defaultChannel: string }[] }).items;
      expect(shikoku.find((d) => d.id === 'shikoku')?.defaultChannel).toBe('phone');
      await operator.patch('/api/desks/shikoku', { defaultChannel: 'email' }).expect(403);
      const bad = await admin.patch('/api/desks/shikoku', { defaultChannel: 'fax' }).expect(400);
      expect(bad.body.details[0].field).toBe('defaultChannel');
      const saved = await admin
        .patch('/api/desks/shikoku', { defaultChannel: 'email' })
        .expect(200);
      expect(saved.body).toMatchObject({ id: 'shikoku', defaultChannel: 'email' });
      // Other settings are left as they were.
      const again = await admin.patch('/api/desks/shikoku', { openTime: '09:00' }).expect(200);
      expect(again.body.defaultChannel).toBe('email');
    });
  });

  describe('SLA clocks', () => {
    it('dates an email over Golden Week to the minute in business hours', async () => {
      // Fri 2026-05-01 16:30 JST: 30 minutes that day, then May 2–6 closed (weekend, holidays,
      // a substitute holiday), then 7.5 hours on Thu May 7: due 16:30 JST.
      const c = await intake(operator, { receivedAt: '2026-05-01T16:30:00+09:00' });
      expect(c.firstResponseDueAt).toBe('2026-05-07T07:30:00.000Z');
      expect(c.resolutionDueAt).not.toBeNull();
    });

    it('answers phone cases on contact: no first-response clock', async () => {
      const c = await intake(operator, { channel: 'phone' });
      expect(c.firstResponseDueAt).toBeNull();
    });

    it('uses the admin’s SLA policy and the desk’s hours', async () => {
      await admin.patch('/api/sla-policies/web', { firstResponseBusinessHours: 2 }).expect(200);
      const c = await intake(operator, {
        channel: 'web',
        receivedAt: '2026-11-20T16:00:00+09:00', // Friday
      });
      // 1 hour on Friday; Monday Nov 23 is Labour Thanksgiving Day; 1 hour on Tuesday.
      expect(c.firstResponseDueAt).toBe('2026-11-24T01:00:00.000Z'); // Tue 10:00 JST
      const bad = await admin
        .patch('/api/sla-policies/web', { firstResponseBusinessHours: -1 })
        .expect(400);
      expect(bad.body.details[0].field).toBe('firstResponseBusinessHours');
    });

    it('pauses while waiting on the customer and moves the due times on', async () => {
      const c = await intake(operator);
      const waiting = await operator
        .post(`/api/cases/${c.id}/transitions`, { to: 'in_progress', version: c.version })
        .expect(200)
        .then((r) =>
          operator.post(`/api/cases/${c.id}/transitions`, {
            to: 'waiting_on_customer',
            version: (r.body as CaseBody).version,
          }),
        );
      expect(waiting.status).toBe(200);
      expect(waiting.body.slaPausedSince).not.toBeNull();
      // Pretend the customer took a week to answer.
      await t.db.query(
        `UPDATE "case" SET sla_paused_since = now() - interval '7 days' WHERE id = $1`,
        [c.id],
      );
      const resumed = await operator
        .post(`/api/cases/${c.id}/transitions`, {
          to: 'in_progress',
          version: waiting.body.version,
        })
        .expect(200);
      expect(resumed.body.slaPausedSince).toBeNull();
      expect(Date.parse(resumed.body.resolutionDueAt)).toBeGreaterThan(
        Date.parse(c.resolutionDueAt!) + 24 * 3600_000,
      );
      expect(Date.parse(resumed.body.firstResponseDueAt)).toBeGreaterThan(
        Date.parse(c.firstResponseDueAt!),
      );
    });

    it('does not move a due time that had already passed when the pause began', async () => {
      const c = await intake(operator);
      await t.db.query(
        `UPDATE "case" SET first_response_due_at = date_trunc('second', now()) - interval '1 hour' WHERE id = $1`,
        [c.id],
      );
      const [row] = await t.db.query<{ due: Date }[]>(
        `SELECT first_response_due_at AS due FROM "case" WHERE id = $1`,
        [c.id],
      );
      const due = row!.due;
      const waiting = await operator
        .post(`/api/cases/${c.id}/transitions`, { to: 'waiting_on_customer', version: c.version })
        .expect(200);
      await t.db.query(
        `UPDATE "case" SET sla_paused_since = now() - interval '30 minutes' WHERE id = $1`,
        [c.id],
      );
      const resumed = await operator
        .post(`/api/cases/${c.id}/transitions`, {
          to: 'in_progress',
          version: waiting.body.version,
        })
        .expect(200);
      expect(resumed.body.firstResponseDueAt).toBe(due.toISOString());
    });

    it('honours a desk’s extra closure', async () => {
      await admin
        .post('/api/desks/national/closures', { date: '2026-06-01', reason: '臨時休業' })
        .expect(201);
      // Fri 2026-05-29 16:00 + 8h: 1h Friday, Mon June 1 closed, 7h Tue June 2 → 16:00.
      const c = await intake(operator, { receivedAt: '2026-05-29T16:00:00+09:00' });
      expect(c.firstResponseDueAt).toBe('2026-06-02T07:00:00.000Z');
      const closures = await operator.get('/api/desks/national/closures').expect(200);
      expect(closures.body.items).toContainEqual({ date: '2026-06-01', reason: '臨時休業' });
      await admin.delete('/api/desks/national/closures/2026-06-01').expect(204);
    });
  });

  describe('transfers', () => {
    it('shows in the receiving desk’s queue until it accepts, then the desk owns it', async () => {
      const c = await intake(operator);
      const requested = await operator
        .post(`/api/cases/${c.id}/transfer`, { deskId: 'kinki', reason: '来訪希望' })
        .expect(200);
      expect(requested.body.deskId).toBe('national');
      expect(requested.body.pendingTransfer).toMatchObject({
        toDeskId: 'kinki',
        reason: '来訪希望',
      });
      const incoming = await kinki.get('/api/cases?view=incoming').expect(200);
      expect(incoming.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
      // Another desk does not even see it.
      await kanto.post(`/api/cases/${c.id}/transfer/accept`).expect(404);
      const again = await operator
        .post(`/api/cases/${c.id}/transfer`, { deskId: 'kanto', reason: '二重' })
        .expect(409);
      expect(again.body.code).toBe('TRANSFER_STATE_CONFLICT');
      const accepted = await kinki.post(`/api/cases/${c.id}/transfer/accept`).expect(200);
      expect(accepted.body).toMatchObject({
        deskId: 'kinki',
        assigneeId: kinki.user.id,
        pendingTransfer: null,
      });
      const timeline = await kinki.get(`/api/cases/${c.id}/events`).expect(200);
      expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(
        expect.arrayContaining(['transferred', 'transfer_accepted']),
      );
    });

    it('lets the receiving desk bounce it back with a reason', async () => {
      const c = await intake(operator);
      await operator
        .post(`/api/cases/${c.id}/transfer`, { deskId: 'kanto', reason: '対面支援' })
        .expect(200);
      const missing = await kanto.post(`/api/cases/${c.id}/transfer/bounce`, {}).expect(400);
      expect(missing.body.details[0].field).toBe('reason');
      await kanto.post(`/api/cases/${c.id}/transfer/bounce`, { reason: '管轄外' }).expect(204);
      const back = await operator.get(`/api/cases/${c.id}`).expect(200);
      expect(back.body).toMatchObject({ deskId: 'national', pendingTransfer: null });
      await kanto.get(`/api/cases/${c.id}`).expect(404);
      const events = await operator.get(`/api/cases/${c.id}/events`).expect(200);
      expect(events.body.items).toContainEqual(
        expect.objectContaining({ kind: 'transfer_bounced', body: '管轄外' }),
      );
    });

    it('names bad transfers', async () => {
      const c = await intake(operator);
      const same = await operator
        .post(`/api/cases/${c.id}/transfer`, { deskId: 'national', reason: 'x' })
        .expect(400);
      expect(same.body.details[0].field).toBe('deskId');
      const unknown = await operator
        .post(`/api/cases/${c.id}/transfer`, { deskId: 'mars', reason: 'x' })
        .expect(400);
      expect(unknown.body.details[0].field).toBe('deskId');
    });
  });

  describe('follow-ups', () => {
    it('plans, lists, reschedules and completes a follow-up, writing the timeline', async () => {
      const c = await intake(kanto, {
        channel: 'walk_in',
        organization: { name: 'フォロー先', prefectureCode: '13' },
      });
      const created = await kanto
        .post(`/api/cases/${c.id}/follow-ups`, { dueInBusinessDays: 3, note: '導入状況を確認' })
        .expect(201);
      expect(created.body).toMatchObject({
        caseId: c.id,
        deskId: 'kanto',
        assigneeId: kanto.user.id,
        status: 'open',
        overdue: false,
      });
      const mine = await kanto
        .get(`/api/follow-ups?deskId=kanto&assigneeId=${kanto.user.id}`)
        .expect(200);
      expect(mine.body.items.map((f: { id: string }) => f.id)).toContain(created.body.id);
      // Kinki cannot see Kanto's follow-ups.
      const other = await kinki.get('/api/follow-ups').expect(200);
      expect(other.body.items.map((f: { id: string }) => f.id)).not.toContain(created.body.id);

      await t.db.query(`UPDATE follow_up SET due_on = current_date - 2 WHERE id = $1`, [
        created.body.id,
      ]);
      const overdue = await kanto.get('/api/follow-ups?overdue=true').expect(200);
      expect(overdue.body.items).toContainEqual(
        expect.objectContaining({ id: created.body.id, overdue: true }),
      );
      const moved = await kanto
        .post(`/api/follow-ups/${created.body.id}/reschedule`, {
          version: created.body.version,
          dueDate: '2030-01-07',
          reason: '先方不在',
        })
        .expect(200);
      expect(moved.body.dueOn).toBe('2030-01-07');
      const stale = await kanto
        .post(`/api/follow-ups/${created.body.id}/complete`, { version: created.body.version })
        .expect(409);
      expect(stale.body.code).toBe('FOLLOW_UP_STATE_CONFLICT');
      const done = await kanto
        .post(`/api/follow-ups/${created.body.id}/complete`, {
          version: moved.body.version,
          resultNote: '規程を整備済み',
        })
        .expect(200);
      expect(done.body).toMatchObject({ status: 'done', resultNote: '規程を整備済み' });
      const events = await kanto.get(`/api/cases/${c.id}/events`).expect(200);
      expect(events.body.items.map((e: { kind: string }) => e.kind)).toEqual(
        expect.arrayContaining([
          'follow_up_scheduled',
          'follow_up_rescheduled',
          'follow_up_completed',
        ]),
      );
    });

    it('names a missing or past due date', async () => {
      const c = await intake(operator);
      const none = await operator.post(`/api/cases/${c.id}/follow-ups`, {}).expect(400);
      expect(none.body.details[0].field).toBe('dueDate');
      const past = await operator
        .post(`/api/cases/${c.id}/follow-ups`, { dueDate: '2020-01-01' })
        .expect(400);
      expect(past.body.details[0].field).toBe('dueDate');
    });
  });
});
