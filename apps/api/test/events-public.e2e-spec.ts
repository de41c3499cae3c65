import type * as AltchaLib from 'altcha-lib' with { 'resolution-mode': 'import' };
import type * as AltchaPbkdf2 from 'altcha-lib/algorithms/pbkdf2' with {
  'resolution-mode': 'import',
};
import { EventRemindersService } from '../src/modules/events/event-reminders.service';
import { SubmissionShieldService } from '../src/modules/public-inquiries/submission-shield.service';
import { intakeBody } from './support/factories';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

// altcha-lib's types are ES-module only (see submission-shield.service.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const altcha = require('altcha-lib') as typeof AltchaLib;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deriveKey } = require('altcha-lib/algorithms/pbkdf2') as typeof AltchaPbkdf2;

// Cheap proof of work, so the test solves it in milliseconds as a browser would in a second.
const ENV = {
  PUBLIC_INQUIRY_POW_COST: '10',
  PUBLIC_INQUIRY_POW_MAX_COUNTER: '200',
  PUBLIC_INQUIRY_MAX_PER_IP: '1000',
  PUBLIC_INQUIRY_MAX_GLOBAL: '1000',
  PUBLIC_URL: 'https://madoguchi.example.jp',
};

const DAY = 24 * 3600 * 1000;

interface EventBody {
  id: string;
  version: number;
  published: boolean;
  editable: boolean;
  counts: Record<string, number>;
}

const eventBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'seminar',
  title: `公開セミナー ${Date.now()}`,
  startsAt: new Date(Date.now() + 10 * DAY).toISOString(),
  endsAt: new Date(Date.now() + 10 * DAY + 2 * 3600 * 1000).toISOString(),
  venue: '大阪商工会議所 会議室',
  capacity: 2,
  organizerKind: 'mic',
  topics: ['LAB.RULES'],
  published: true,
  ...overrides,
});

interface Mail {
  to_address: string;
  subject: string;
  body: string;
  kind: string;
}

describe('public event registration', () => {
  let t: TestApp;
  let operator: SignedIn;
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp(ENV);
    operator = await signInAs(t, 'operator');
  });
  afterAll(() => t.close());

  async function createEvent(overrides: Record<string, unknown> = {}): Promise<EventBody> {
    return (await operator.post('/api/events', eventBody(overrides)).expect(201)).body as EventBody;
  }

  async function solved(): Promise<string> {
    const challenge = (await t.http().get('/api/public/challenge').expect(200))
      .body as AltchaLib.Challenge;
    const solution = await altcha.solveChallenge({ challenge, deriveKey });
    return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
  }

  const formToken = (): string => t.app.get(SubmissionShieldService).formToken(Date.now() - 30_000);

  async function registration(overrides: Record<string, unknown> = {}) {
    serial += 1;
    return {
      organizationName: `公開申込商事${serial}-${Date.now()}`,
      name: `申込 太郎${serial}`,
      nameKana: 'モウシコミ タロウ',
      email: `taro${serial}.${Date.now()}@event-public.example.jp`,
      phone: '06-6555-0000',
      employees: 30,
      prefectureCode: '27',
      consent: true,
      formToken: formToken(),
      altcha: await solved(),
      ...overrides,
    };
  }

  const register = (eventId: string, body: Record<string, unknown>) =>
    t.http().post(`/api/public/events/${eventId}/registrations`).send(body);

  const mailsTo = (address: string) =>
    t.db.query<Mail[]>(
      `SELECT to_address, subject, body, kind FROM outbound_mail WHERE to_address = $1 ORDER BY id`,
      [address],
    );

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    (await t.db.query<{ n: number }[]>(sql, params))[0]!.n;

  const cancelTokenIn = (mail: Mail): string => {
    const match = /\/event-cancel\/([A-Za-z0-9_-]+)/.exec(mail.body);
    expect(match).not.toBeNull();
    return match![1]!;
  };

  it('serves the page of a published future event only, in Japanese, with the form’s own CSP', async () => {
    const event = await createEvent({ capacity: 40 });
    const res = await t.http().get(`/event/${event.id}`).expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).toContain('<html lang="ja">');
    expect(res.text).toContain('残り40席');
    expect(res.text).toContain('個人情報の利用目的');
    expect(res.text).toContain('<altcha-widget');
    expect(res.text).toMatch(/name="website"/);

    const hidden = await createEvent({ published: false });
    await t.http().get(`/event/${hidden.id}`).expect(404);
    await t.http().get(`/api/public/events/${hidden.id}`).expect(404);
    const past = await createEvent({
      startsAt: new Date(Date.now() - DAY).toISOString(),
      endsAt: new Date(Date.now() - DAY + 3600_000).toISOString(),
    });
    const closed = await t.http().get(`/event/${past.id}`).expect(404);
    expect(closed.text).toContain('受付していません');
    await t.http().get('/event/not-a-uuid').expect(404);

    const json = await t.http().get(`/api/public/events/${event.id}`).expect(200);
    expect(json.body).toMatchObject({ seatsLeft: 40, waitlisted: 0, open: true, online: false });
    expect(json.body).not.toHaveProperty('onlineUrl');
  });

  it('enforces the inquiry form’s defences and consent, and refuses an unpublished event', async () => {
    const event = await createEvent();
    const noPow = await register(event.id, { ...(await registration()), altcha: undefined });
    expect(noPow.status).toBe(400);
    expect(noPow.body.code).toBe('SUBMISSION_REFUSED');
    const honeypot = await register(event.id, await registration({ website: 'http://spam' }));
    expect(honeypot.body.code).toBe('SUBMISSION_REFUSED');
    const tooFast = await register(
      event.id,
      await registration({ formToken: t.app.get(SubmissionShieldService).formToken() }),
    );
    expect(tooFast.body.code).toBe('SUBMISSION_REFUSED');
    const noConsent = await register(event.id, await registration({ consent: false }));
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.code).toBe('VALIDATION_FAILED');
    expect(noConsent.body.details.map((d: { field: string }) => d.field)).toContain('consent');
    const noEmail = await register(event.id, await registration({ email: '' }));
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.details.map((d: { field: string }) => d.field)).toContain('email');

    // A solved challenge is good once.
    const body = await registration();
    await register(event.id, body).expect(201);
    const replay = await register(event.id, { ...body, email: `again.${body.email}` });
    expect(replay.body.code).toBe('SUBMISSION_REFUSED');

    const hidden = await createEvent({ published: false });
    const notOpen = await register(hidden.id, await registration());
    expect(notOpen.status).toBe(409);
    expect(notOpen.body.code).toBe('EVENT_NOT_OPEN');
    const n = await count(`SELECT count(*)::int AS n FROM event_registration WHERE event_id = $1`, [
      hidden.id,
    ]);
    expect(n).toBe(0);
  });

  it('registers with consent and a hashed link, matches a known contact’s organization, and mails the link', async () => {
    const known = `known.${Date.now()}@matched.example.jp`;
    const intake = await operator
      .post(
        '/api/cases',
        intakeBody({
          organization: { name: `既存商事${Date.now()}` },
          contact: { name: '既存 花子', email: known },
        }),
      )
      .expect(201);
    const orgId = (intake.body as { organization: { id: string } }).organization.id;
    const event = await createEvent({ capacity: 5 });
    const before = await count(`SELECT count(*)::int AS n FROM organization`);
    const res = await register(
      event.id,
      await registration({ email: known.toUpperCase(), organizationName: '別の名前で入力' }),
    ).expect(201);
    expect(res.body).toEqual({ status: 'registered' });
    const after = await count(`SELECT count(*)::int AS n FROM organization`);
    expect(after).toBe(before);
    const [row] = await t.db.query<
      {
        organization_id: string;
        source: string;
        consent_version: string;
        consent_text_sha256: string;
        cancel_token_sha256: string;
      }[]
    >(`SELECT * FROM event_registration WHERE event_id = $1`, [event.id]);
    expect(row).toMatchObject({ organization_id: orgId, source: 'public' });
    expect(row!.consent_version).toBeTruthy();
    expect(row!.consent_text_sha256).toMatch(/^[0-9a-f]{64}$/);

    const [mail] = await mailsTo(known);
    expect(mail).toMatchObject({ kind: 'event_registered' });
    expect(mail!.subject).toContain('お申し込み受付');
    expect(mail!.body).toContain('https://madoguchi.example.jp/event-cancel/');
    const token = cancelTokenIn(mail!);
    // Only the hash is stored.
    expect(row!.cancel_token_sha256).not.toContain(token);
    const stored = await count(
      `SELECT count(*)::int AS n FROM event_registration WHERE cancel_token_sha256 = encode(sha256($1::bytea), 'hex')`,
      [token],
    );
    expect(stored).toBe(1);

    // The same address again: a conflict, never a second registration.
    const again = await register(event.id, await registration({ email: known }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EVENT_REGISTRATION_EXISTS');
  });

  it('never overbooks under concurrent public registrations; the rest wait and are told so', async () => {
    const event = await createEvent({ capacity: 3 });
    const bodies = await Promise.all(Array.from({ length: 8 }, () => registration()));
    const results = await Promise.all(bodies.map((b) => register(event.id, b)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const statuses = results.map((r) => (r.body as { status: string }).status);
    expect(statuses.filter((s) => s === 'registered')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(5);
    const got = await operator.get(`/api/events/${event.id}`).expect(200);
    expect(got.body.counts).toMatchObject({ registered: 3, waitlisted: 5 });
    const waiting = bodies[statuses.indexOf('waitlisted')]!;
    const [mail] = await mailsTo(waiting.email);
    expect(mail!.subject).toContain('キャンセル待ち');
    const page = await t.http().get(`/event/${event.id}`).expect(200);
    expect(page.text).toContain('キャンセル待ち5名');
  });

  it('cancels by link after a confirmation, moves the waiting list up with a mail, and explains used, unknown and expired links', async () => {
    const event = await createEvent({ capacity: 1 });
    const first = await registration();
    const second = await registration();
    await register(event.id, first).expect(201);
    expect((await register(event.id, second).expect(201)).body.status).toBe('waitlisted');
    const token = cancelTokenIn((await mailsTo(first.email))[0]!);

    const show = await t.http().get(`/event-cancel/${token}`).expect(200);
    expect(show.headers['referrer-policy']).toBe('no-referrer');
    expect(show.text).toContain(first.name);
    // Showing the page changes nothing.
    expect((await operator.get(`/api/events/${event.id}`)).body.counts.registered).toBe(1);

    const done = await t
      .http()
      .post(`/api/public/event-registrations/${token}/cancel`)
      .type('form')
      .send('')
      .expect(200);
    expect(done.text).toContain('キャンセルしました');
    const counts = (await operator.get(`/api/events/${event.id}`)).body.counts;
    expect(counts).toMatchObject({ registered: 1, waitlisted: 0, cancelled: 1 });
    const promoted = await mailsTo(second.email);
    expect(promoted.map((m) => m.kind)).toEqual(['event_registered', 'event_promoted']);
    expect(promoted[1]!.subject).toContain('参加確定');

    // Used link.
    const used = await t.http().get(`/event-cancel/${token}`).expect(409);
    expect(used.text).toContain('すでにキャンセル');
    const usedJson = await t.http().post(`/api/public/event-registrations/${token}/cancel`);
    expect(usedJson.status).toBe(409);
    expect(usedJson.body.code).toBe('EVENT_REGISTRATION_STATE_CONFLICT');
    // Unknown and malformed links.
    const unknown = await t
      .http()
      .get(`/event-cancel/${'x'.repeat(43)}`)
      .expect(404);
    expect(unknown.text).toContain('リンクが無効です');
    await t.http().get('/event-cancel/%3Cscript%3E').expect(404);
    const unknownJson = await t
      .http()
      .post(`/api/public/event-registrations/${'y'.repeat(43)}/cancel`);
    expect(unknownJson.status).toBe(404);
    // Expired: the event has started.
    const secondToken = cancelTokenIn((await mailsTo(second.email))[0]!);
    await t.db.query(
      `UPDATE event SET starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' WHERE id = $1`,
      [event.id],
    );
    const expired = await t.http().get(`/event-cancel/${secondToken}`).expect(409);
    expect(expired.text).toContain('受付は終了');
    const expiredJson = await t
      .http()
      .post(`/api/public/event-registrations/${secondToken}/cancel`);
    expect(expiredJson.status).toBe(409);
    expect(expiredJson.body.code).toBe('EVENT_CANCEL_LINK_EXPIRED');
  });

  it('reminds the public registrants with a seat the day before (JST), once, whatever the runs', async () => {
    // Tomorrow 10:00 JST.
    const jstToday = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(`${jstToday}T10:00:00+09:00`).getTime() + DAY;
    const event = await createEvent({
      capacity: 1,
      startsAt: new Date(tomorrow).toISOString(),
      endsAt: new Date(tomorrow + 2 * 3600_000).toISOString(),
      venue: undefined,
      onlineUrl: 'https://meet.example.jp/seminar-42',
    });
    const seated = await registration();
    const waiting = await registration();
    await register(event.id, seated).expect(201);
    await register(event.id, waiting).expect(201);
    const reminders = t.app.get(EventRemindersService);
    const runs = await Promise.all([reminders.run(), reminders.run()]);
    await reminders.run();
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const mails = await mailsTo(seated.email);
    expect(mails.map((m) => m.kind)).toEqual(['event_registered', 'event_reminder']);
    expect(mails[1]!.subject).toContain('明日開催');
    expect(mails[1]!.body).toContain('https://meet.example.jp/seminar-42');
    expect((await mailsTo(waiting.email)).map((m) => m.kind)).toEqual(['event_registered']);
    // The waiting registrant's confirmation does not carry the online URL.
    expect((await mailsTo(waiting.email))[0]!.body).not.toContain('meet.example.jp');
  });
});

describe('events are scoped to their desk', () => {
  let t: TestApp;
  let kanto: SignedIn;
  let kinki: SignedIn;
  let operator: SignedIn;
  let manager: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    kanto = await signInAs(t, 'desk_staff', 'kanto');
    kinki = await signInAs(t, 'desk_staff', 'kinki');
    operator = await signInAs(t, 'operator');
    manager = await signInAs(t, 'manager');
    admin = await signInAs(t, 'admin');
  });
  afterAll(() => t.close());

  const kantoEvent = (overrides: Record<string, unknown> = {}) =>
    eventBody({ organizerKind: 'regional_desk', organizerDeskId: 'kanto', ...overrides });

  it('lets a desk create and change only its own desk’s events; national staff change all', async () => {
    const own = await kanto.post('/api/events', kantoEvent()).expect(201);
    expect(own.body.editable).toBe(true);
    await kinki.post('/api/events', kantoEvent()).expect(403);
    await kanto.post('/api/events', eventBody({ organizerKind: 'mic' })).expect(403);
    for (const national of [operator, manager, admin]) {
      await national.post('/api/events', kantoEvent()).expect(201);
    }
    const id = own.body.id as string;
    // Everyone on the events staff sees it; only the desk and national staff may change it.
    const seen = await kinki.get(`/api/events/${id}`).expect(200);
    expect(seen.body.editable).toBe(false);
    expect((await kinki.get('/api/events').expect(200)).body.items.length).toBeGreaterThan(0);
    const denied = await kinki
      .patch(`/api/events/${id}`, { version: seen.body.version, title: '乗っ取り' })
      .expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    // Nor may the desk hand its event to another desk.
    await kanto
      .patch(`/api/events/${id}`, { version: seen.body.version, organizerDeskId: 'kinki' })
      .expect(403);
    const changed = await manager
      .patch(`/api/events/${id}`, { version: seen.body.version, title: '本部が変更' })
      .expect(200);
    const mine = await kanto
      .patch(`/api/events/${id}`, { version: changed.body.version, published: true })
      .expect(200);
    expect(mine.body.published).toBe(true);
    await kinki.delete(`/api/events/${id}`).expect(403);
  });

  it('lets only the desk and national staff register, cancel and mark its attendees', async () => {
    const own = (await kanto.post('/api/events', kantoEvent({ capacity: 10 })).expect(201)).body;
    const org = await operator
      .post('/api/cases', intakeBody({ organization: { name: `範囲商事${Date.now()}` } }))
      .expect(201);
    const organizationId = (org.body as { organization: { id: string } }).organization.id;
    const body = { organizationId, name: '参加 一郎' };
    await kinki.post(`/api/events/${own.id}/registrations`, body).expect(403);
    const reg = await kanto.post(`/api/events/${own.id}/registrations`, body).expect(201);
    const regId = reg.body.id as string;
    await kinki.get(`/api/events/${own.id}/registrations`).expect(200);
    await kinki
      .post(`/api/events/${own.id}/registrations/${regId}/attendance`, { attendance: 'attended' })
      .expect(403);
    await kinki.post(`/api/events/${own.id}/registrations/${regId}/cancel`).expect(403);
    await operator
      .post(`/api/events/${own.id}/registrations/${regId}/attendance`, { attendance: 'attended' })
      .expect(200);
    await kanto.post(`/api/events/${own.id}/registrations/${regId}/cancel`).expect(200);
  });
});
