import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { makeExpert, nextFreeStart, type TestExpert } from './support/experts';
import { intakeBody, makeUser, TEST_PASSWORD } from './support/factories';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

let counter = 0;
const intake = (overrides: Record<string, unknown> = {}) => {
  counter += 1;
  return intakeBody({
    organization: { name: `案件画面商事${counter}`, prefectureCode: '13' },
    ...overrides,
  });
};

async function listen(app: NestFastifyApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') {
    throw new Error('no port');
  }
  return `http://127.0.0.1:${address.port}`;
}

describe('what the case page needs of the API', () => {
  let t: TestApp;
  let operator: SignedIn;
  let kanto: SignedIn;
  let kinki: SignedIn;
  let expert: TestExpert;

  const newCase = async (overrides: Record<string, unknown> = {}, by = operator) =>
    (await by.post('/api/cases', intake(overrides)).expect(201)).body as {
      id: string;
      version: number;
      organization: { id: string; sessionAllowance: { used: number } };
    };

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
    kinki = await signInAs(t, 'desk_staff', 'kinki');
    expert = await makeExpert(t);
  });
  afterAll(() => t.close());

  describe('editing the case', () => {
    it('edits the topics, the call duration and the call direction, each on the timeline', async () => {
      const c = await newCase({ callDurationSeconds: 0 });
      const res = await operator
        .patch(`/api/cases/${c.id}`, {
          version: c.version,
          topics: ['LAB.TIME', 'ICT.NET'],
          callDurationSeconds: 305,
          callDirection: 'outbound',
        })
        .expect(200);
      expect(res.body).toMatchObject({
        topics: ['ICT.NET', 'LAB.TIME'],
        callDurationSeconds: 305,
        callDirection: 'outbound',
        version: c.version + 1,
      });
      const events = await operator.get(`/api/cases/${c.id}/events`).expect(200);
      expect(events.body.items.at(-1)).toMatchObject({
        kind: 'edited',
        data: { fields: ['topics', 'callDurationSeconds', 'callDirection'] },
      });
    });

    it('refuses a negative or fractional call duration, naming the field', async () => {
      const c = await newCase();
      const res = await operator
        .patch(`/api/cases/${c.id}`, { version: c.version, callDurationSeconds: -1 })
        .expect(400);
      expect(res.body.details[0].field).toBe('callDurationSeconds');
    });

    it('lists who may take the case, and assigns only within the owning desk', async () => {
      const c = await newCase();
      const colleague = await makeUser(t, { role: 'operator' });
      const list = await operator.get(`/api/cases/${c.id}/assignees`).expect(200);
      const ids = (list.body.items as { id: string }[]).map((u) => u.id);
      expect(ids).toEqual(expect.arrayContaining([operator.user.id, colleague.id]));
      expect(ids).not.toContain(kanto.user.id);

      const refused = await operator
        .patch(`/api/cases/${c.id}`, { version: c.version, assigneeId: kanto.user.id })
        .expect(400);
      expect(refused.body.details[0].field).toBe('assigneeId');
      const taken = await operator
        .patch(`/api/cases/${c.id}`, { version: c.version, assigneeId: colleague.id })
        .expect(200);
      expect(taken.body.assigneeId).toBe(colleague.id);
    });
  });

  describe('outgoing transfers', () => {
    it('lists a pending transfer as outgoing and lets the sending desk withdraw it once', async () => {
      const c = await newCase();
      await operator
        .post(`/api/cases/${c.id}/transfer`, { deskId: 'kanto', reason: '来訪希望' })
        .expect(200);
      const outgoing = await operator.get('/api/cases?view=outgoing').expect(200);
      expect((outgoing.body.items as { id: string }[]).map((i) => i.id)).toContain(c.id);

      // Only the sending desk may take it back.
      await kanto.post(`/api/cases/${c.id}/transfer/withdraw`).expect(403);

      const res = await operator.post(`/api/cases/${c.id}/transfer/withdraw`).expect(200);
      expect(res.body.pendingTransfer).toBeNull();
      expect(res.body.deskId).toBe('national');
      const again = await operator.post(`/api/cases/${c.id}/transfer/withdraw`).expect(409);
      expect(again.body.code).toBe('TRANSFER_STATE_CONFLICT');
      const events = await operator.get(`/api/cases/${c.id}/events`).expect(200);
      expect(events.body.items.at(-1)).toMatchObject({
        kind: 'transfer_withdrawn',
        data: { from: 'national', to: 'kanto' },
      });
      const after = await operator.get('/api/cases?view=outgoing').expect(200);
      expect((after.body.items as { id: string }[]).map((i) => i.id)).not.toContain(c.id);
      // The receiving desk no longer sees it.
      await kanto.get(`/api/cases/${c.id}`).expect(404);
    });

    it('answers 409 once the receiving desk has accepted', async () => {
      const c = await newCase();
      await operator
        .post(`/api/cases/${c.id}/transfer`, { deskId: 'kinki', reason: '管轄' })
        .expect(200);
      await kinki.post(`/api/cases/${c.id}/transfer/accept`).expect(200);
      const res = await operator.post(`/api/cases/${c.id}/transfer/withdraw`).expect(409);
      expect(res.body.code).toBe('TRANSFER_STATE_CONFLICT');
    });
  });

  describe('the desk calendar', () => {
    it('gives the hours and the closed days with their reasons', async () => {
      const res = await operator
        .get('/api/desks/national/calendar?from=2026-12-25&to=2027-01-05')
        .expect(200);
      expect(res.body.openTime).toBe('09:00');
      expect(res.body.closeTime).toBe('17:00');
      expect(res.body.closedDays).toEqual(
        expect.arrayContaining([
          { date: '2026-12-26', reason: 'weekend' },
          { date: '2026-12-29', reason: 'year_end' },
        ]),
      );
      expect(res.body.closedDays).not.toContainEqual(
        expect.objectContaining({ date: '2026-12-25' }),
      );
    });

    it('refuses a backwards or too long range, naming the field', async () => {
      const back = await operator
        .get('/api/desks/national/calendar?from=2026-12-25&to=2026-12-01')
        .expect(400);
      expect(back.body.details[0].field).toBe('to');
      await operator.get('/api/desks/national/calendar?from=2026-02-30&to=2026-03-01').expect(400);
      await operator.get('/api/desks/nowhere/calendar?from=2026-12-01&to=2026-12-02').expect(404);
    });
  });

  describe('rescheduling a session', () => {
    const book = async (caseId: string, start = nextFreeStart()) =>
      (
        await operator
          .post(`/api/cases/${caseId}/sessions`, {
            expertId: expert.id,
            kind: 'assessment',
            scheduledStart: start.toISOString(),
            durationMinutes: 90,
            mode: 'online',
          })
          .expect(201)
      ).body as { id: string; version: number; scheduledStart: string };

    it('moves the session in place: same id, same allowance, a timeline entry, no cancellation', async () => {
      const c = await newCase();
      const session = await book(c.id);
      const to = nextFreeStart();
      const res = await operator
        .post(`/api/sessions/${session.id}/reschedule`, {
          scheduledStart: to.toISOString(),
          reason: '先方の都合',
          version: session.version,
        })
        .expect(200);
      expect(res.body).toMatchObject({
        id: session.id,
        status: 'scheduled',
        scheduledStart: to.toISOString(),
        durationMinutes: 90,
      });
      const kase = await operator.get(`/api/cases/${c.id}`).expect(200);
      expect(kase.body.organization.sessionAllowance.used).toBe(1);
      const events = await operator.get(`/api/cases/${c.id}/events`).expect(200);
      const kinds = (events.body.items as { kind: string }[]).map((e) => e.kind);
      expect(kinds).toContain('session_rescheduled');
      expect(kinds).not.toContain('session_cancelled');
      expect(events.body.items.at(-1)).toMatchObject({
        kind: 'session_rescheduled',
        body: '先方の都合',
        data: { from: session.scheduledStart, scheduledStart: to.toISOString() },
      });
      const audit = await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM expert_session WHERE case_id = $1 AND status = 'cancelled'`,
        [c.id],
      );
      expect(audit[0]!.n).toBe(0);
    });

    it('answers 409 EXPERT_DOUBLE_BOOKED when the expert is busy at the new time', async () => {
      const a = await newCase();
      const b = await newCase();
      const taken = await book(a.id);
      const mine = await book(b.id);
      const res = await operator
        .post(`/api/sessions/${mine.id}/reschedule`, { scheduledStart: taken.scheduledStart })
        .expect(409);
      expect(res.body.code).toBe('EXPERT_DOUBLE_BOOKED');
      // The session stays where it was.
      const still = await operator.get(`/api/sessions/${mine.id}`).expect(200);
      expect(still.body.scheduledStart).toBe(mine.scheduledStart);
    });

    it('of two concurrent moves into one free slot, exactly one wins', async () => {
      const a = await book((await newCase()).id);
      const b = await book((await newCase()).id);
      const slot = nextFreeStart().toISOString();
      const results = await Promise.all(
        [a, b].map((s) =>
          operator.post(`/api/sessions/${s.id}/reschedule`, { scheduledStart: slot }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    });

    it('refuses a cancelled session, a stale version and a time in the past', async () => {
      const c = await newCase();
      const s = await book(c.id);
      await operator
        .post(`/api/sessions/${s.id}/reschedule`, {
          scheduledStart: nextFreeStart().toISOString(),
          version: s.version + 5,
        })
        .expect(409);
      const past = await operator
        .post(`/api/sessions/${s.id}/reschedule`, { scheduledStart: '2020-01-06T10:00:00+09:00' })
        .expect(400);
      expect(past.body.details[0].field).toBe('scheduledStart');
      await operator.post(`/api/sessions/${s.id}/cancel`, { reason: '中止' }).expect(200);
      const res = await operator
        .post(`/api/sessions/${s.id}/reschedule`, { scheduledStart: nextFreeStart().toISOString() })
        .expect(409);
      expect(res.body.code).toBe('SESSION_STATE_CONFLICT');
    });
  });

  describe('the presence stream', () => {
    it('sends a case event with the new version when someone saves', async () => {
      const base = await listen(t.app);
      const c = await newCase();
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: operator.user.email, password: TEST_PASSWORD }),
      });
      const cookie = login.headers
        .getSetCookie()
        .map((x) => x.split(';')[0])
        .join('; ');
      const controller = new AbortController();
      const res = await fetch(`${base}/api/cases/${c.id}/presence`, {
        headers: { cookie, accept: 'text/event-stream' },
        signal: controller.signal,
      });
      expect(res.status).toBe(200);
      const versions: number[] = [];
      const reading = (async () => {
        const decoder = new TextDecoder();
        let buffer = '';
        try {
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            buffer += decoder.decode(chunk, { stream: true });
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = /^event: case\ndata: (.*)$/m.exec(block);
              if (data?.[1]) {
                versions.push((JSON.parse(data[1]) as { version: number }).version);
              }
            }
          }
        } catch {
          // aborted
        }
      })();
      // Let the stream take its first beat (the version it starts from) before saving.
      await new Promise((r) => setTimeout(r, 500));
      await operator.patch(`/api/cases/${c.id}`, { version: c.version, subject: '別の件名' });
      const end = Date.now() + 10_000;
      while (!versions.includes(c.version + 1) && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 100));
      }
      controller.abort();
      await reading;
      expect(versions).toContain(c.version + 1);
    });
  });
});
