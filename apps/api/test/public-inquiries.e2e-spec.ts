import { createHash } from 'node:crypto';
import type * as AltchaLib from 'altcha-lib' with { 'resolution-mode': 'import' };
import type * as AltchaPbkdf2 from 'altcha-lib/algorithms/pbkdf2' with {
  'resolution-mode': 'import',
};
import { MailOutboxService } from '../src/modules/notifications/mail-outbox.service';
import { consentText } from '../src/modules/public-inquiries/inquiry-texts';
import { SubmissionShieldService } from '../src/modules/public-inquiries/submission-shield.service';
import { createAppOn } from './support/second-app';
import { signInAs } from './support/sessions';
import { startSmtpCapture } from './support/smtp-capture';
import { type TestApp, createTestApp } from './support/test-app';

// altcha-lib's types are ES-module only (see submission-shield.service.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const altcha = require('altcha-lib') as typeof AltchaLib;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deriveKey } = require('altcha-lib/algorithms/pbkdf2') as typeof AltchaPbkdf2;

// Cheap proof of work, so the test solves it in milliseconds as a browser would in a second.
const EASY_POW = { PUBLIC_INQUIRY_POW_COST: '10', PUBLIC_INQUIRY_POW_MAX_COUNTER: '200' };

/** Solves the server's challenge the way the widget does, with altcha-lib. */
async function solved(t: TestApp): Promise<string> {
  const challenge = (await t.http().get('/api/public/challenge').expect(200))
    .body as AltchaLib.Challenge;
  const solution = await altcha.solveChallenge({ challenge, deriveKey });
  expect(solution).not.toBeNull();
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

/** A form token issued as if the page had been open for a while. */
const oldToken = (t: TestApp, secondsAgo = 30): string =>
  t.app.get(SubmissionShieldService).formToken(Date.now() - secondsAgo * 1000);

let serial = 0;
function inquiry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    orgName: `ウェブ問合せ商事${serial}-${Date.now()}`,
    orgNameKana: 'ウェブトイアワセショウジ',
    prefectureCode: '13',
    industryCode: 'I',
    employees: 40,
    contactName: `問合 花子${serial}`,
    contactNameKana: 'トイアワセ ハナコ',
    phone: '03-5555-0000',
    email: `hanako${serial}.${Date.now()}@web-inquiry.example.jp`,
    topic: 'both',
    message: `在宅勤務の労働時間管理とVPNについて相談したい (${serial})`,
    preferredChannel: 'email',
    preferredTimes: '平日午前',
    consent: true,
    lang: 'ja',
    ...overrides,
  };
}

const form = (body: Record<string, unknown>): string =>
  new URLSearchParams(
    Object.entries(body).map(([k, v]): [string, string] => [k, v === true ? 'yes' : String(v)]),
  ).toString();

describe('the public inquiry form', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({ ...EASY_POW, SMTP_URL: smtp.url, PUBLIC_INQUIRY_MAX_PER_IP: '1000' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const caseOf = async (number: string) => {
    const [row] = await t.db.query<
      {
        id: string;
        channel: string;
        desk_id: string;
        subject: string;
        created_by: string | null;
        first_response_due_at: Date | null;
        organization_id: string;
        contact_id: string | null;
      }[]
    >(`SELECT * FROM "case" WHERE number = $1`, [number]);
    return row!;
  };

  it('serves the page in Japanese, English one click away, with its own strict CSP and no cookie', async () => {
    const res = await t.http().get('/inquiry').expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('<html lang="ja">');
    expect(res.text).toContain('個人情報の利用目的');
    expect(res.text).toContain('href="/inquiry?lang=en"');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['set-cookie']).toBeUndefined();
    // No inline script or style on the page.
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/<style|style="/);
    const en = await t.http().get('/inquiry?lang=en').expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Purpose of use');
    await t
      .http()
      .get('/inquiry/assets/altcha.js')
      .expect(200)
      .expect('content-type', /javascript/);
    await t.http().get('/inquiry/assets/altcha-pbkdf2.js').expect(200);
    await t.http().get('/inquiry/assets/nope.js').expect(404);
  });

  it('accepts a solved challenge: a web case on the routed desk with web SLA clocks, consent stored, number mailed and nothing else', async () => {
    const body = inquiry({ formToken: oldToken(t), altcha: await solved(t) });
    const res = await t.http().post('/api/public/inquiries').send(body).expect(201);
    const number = res.body.referenceNumber as string;
    expect(number).toMatch(/^\d{4}-\d{6}$/);
    expect(res.headers['set-cookie']).toBeUndefined();

    const created = await caseOf(number);
    expect(created.channel).toBe('web');
    // The default rules send web inquiries to the national center.
    expect(created.desk_id).toBe('national');
    expect(created.created_by).toBeNull();
    expect(created.first_response_due_at).not.toBeNull();
    expect(created.subject).toBe(`Webお問い合わせ: ${String(body.orgName)}`);
    const topics = await t.db.query<{ topic_code: string }[]>(
      `SELECT topic_code FROM case_topic WHERE case_id = $1 ORDER BY 1`,
      [created.id],
    );
    expect(topics.map((r) => r.topic_code)).toEqual(['ICT', 'LAB']);
    const [contact] = await t.db.query<{ email: string; name: string }[]>(
      `SELECT email, name FROM contact WHERE id = $1`,
      [created.contact_id],
    );
    expect(contact).toEqual({ email: body.email, name: body.contactName });

    const [consent] = await t.db.query<
      {
        consent_version: string;
        consent_text: string;
        consent_text_sha256: string;
        proof_of_work: boolean;
      }[]
    >(`SELECT * FROM public_inquiry WHERE case_id = $1`, [created.id]);
    expect(consent!.consent_version).toBe('2026-12-01');
    expect(consent!.consent_text).toBe(consentText('ja'));
    expect(consent!.consent_text_sha256).toBe(
      createHash('sha256').update(consentText('ja')).digest('hex'),
    );
    expect(consent!.proof_of_work).toBe(true);

    smtp.received.length = 0;
    await t.app.get(MailOutboxService).run();
    const mails = (await smtp.parsed()).filter((m) => m.to.includes(String(body.email)));
    expect(mails).toHaveLength(1);
    const raw = smtp.received.find((m) => m.to.includes(String(body.email)))!.raw.toString('utf8');
    const text = mails[0]!.text;
    expect(text).toContain(`受付番号: ${number}`);
    for (const typed of [
      body.orgName,
      body.contactName,
      body.message,
      body.phone,
      body.preferredTimes,
    ]) {
      expect(raw).not.toContain(String(typed));
      expect(text).not.toContain(String(typed));
    }
  });

  it('refuses a replayed challenge, a tampered one, an expired one, one signed by someone else, and JSON without one', async () => {
    const payload = await solved(t);
    await t
      .http()
      .post('/api/public/inquiries')
      .send(inquiry({ formToken: oldToken(t), altcha: payload }))
      .expect(201);
    const replay = await t
      .http()
      .post('/api/public/inquiries')
      .send(inquiry({ formToken: oldToken(t), altcha: payload }))
      .expect(400);
    expect(replay.body.code).toBe('SUBMISSION_REFUSED');

    const decoded = JSON.parse(Buffer.from(await solved(t), 'base64').toString('utf8')) as {
      challenge: AltchaLib.Challenge;
      solution: { counter: number; derivedKey: string };
    };
    // The derived key is the proof (the server checks it against its own signature of it).
    const key = decoded.solution.derivedKey;
    decoded.solution.derivedKey = `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`;
    const tampered = Buffer.from(JSON.stringify(decoded)).toString('base64');
    for (const bad of [tampered, 'not base64 json', Buffer.from('{}').toString('base64')]) {
      const res = await t
        .http()
        .post('/api/public/inquiries')
        .send(inquiry({ formToken: oldToken(t), altcha: bad }))
        .expect(400);
      expect(res.body.code).toBe('SUBMISSION_REFUSED');
    }

    const foreign = await altcha.createChallenge({
      algorithm: 'PBKDF2/SHA-256',
      cost: 10,
      counter: 50,
      deriveKey,
      expiresAt: new Date(Date.now() + 60_000),
      hmacSignatureSecret: 'someone-else',
      hmacKeySignatureSecret: 'someone-else-too',
    });
    const foreignSolution = await altcha.solveChallenge({ challenge: foreign, deriveKey });
    const forged = Buffer.from(
      JSON.stringify({ challenge: foreign, solution: foreignSolution }),
    ).toString('base64');
    expect(
      (
        await t
          .http()
          .post('/api/public/inquiries')
          .send(inquiry({ formToken: oldToken(t), altcha: forged }))
          .expect(400)
      ).body.code,
    ).toBe('SUBMISSION_REFUSED');

    // A challenge is good for a few minutes: solved, then posted six minutes later, it is refused.
    const late = await solved(t);
    const token = oldToken(t);
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 6 * 60_000);
    try {
      const expired = await t
        .http()
        .post('/api/public/inquiries')
        .send(inquiry({ formToken: token, altcha: late }))
        .expect(400);
      expect(expired.body.code).toBe('SUBMISSION_REFUSED');
    } finally {
      clock.mockRestore();
    }

    const missing = await t
      .http()
      .post('/api/public/inquiries')
      .send(inquiry({ formToken: oldToken(t) }))
      .expect(400);
    expect(missing.body.code).toBe('SUBMISSION_REFUSED');
  });

  it('refuses the honeypot, a form sent faster than a person can, and a forged start time, saying the same to all', async () => {
    const before = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "case"`);
    const answers = [];
    answers.push(
      await t
        .http()
        .post('/api/public/inquiries')
        .send(
          inquiry({
            formToken: oldToken(t),
            altcha: await solved(t),
            website: 'http://spam.example',
          }),
        )
        .expect(400),
    );
    const fresh = (await t.http().get('/api/public/form-token').expect(200)).body
      .formToken as string;
    answers.push(
      await t
        .http()
        .post('/api/public/inquiries')
        .send(inquiry({ formToken: fresh, altcha: await solved(t) }))
        .expect(400),
    );
    const [issued] = oldToken(t).split('.');
    answers.push(
      await t
        .http()
        .post('/api/public/inquiries')
        .send(inquiry({ formToken: `${issued}.forged`, altcha: await solved(t) }))
        .expect(400),
    );
    for (const answer of answers) {
      expect(answer.body.code).toBe('SUBMISSION_REFUSED');
      expect(answer.body.message).toBe(answers[0]!.body.message);
    }
    const after = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "case"`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('answers a bad field with 400 naming it, and never creates a case for it', async () => {
    const res = await t
      .http()
      .post('/api/public/inquiries')
      .send(
        inquiry({
          formToken: oldToken(t),
          altcha: await solved(t),
          email: 'not-an-address',
          consent: false,
        }),
      )
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'consent',
      'email',
    ]);
  });

  it('works as a plain HTML form post with JavaScript off: accepted, marked unverified', async () => {
    const body = inquiry({ formToken: oldToken(t) });
    const res = await t
      .http()
      .post('/api/public/inquiries')
      .type('form')
      .send(form(body))
      .expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    const number = /data-testid="reference-number">([^<]+)</.exec(res.text)?.[1];
    expect(number).toMatch(/^\d{4}-\d{6}$/);
    const created = await caseOf(number!);
    expect(created.subject.startsWith('[未検証] ')).toBe(true);
    const [row] = await t.db.query<{ proof_of_work: boolean }[]>(
      `SELECT proof_of_work FROM public_inquiry WHERE case_id = $1`,
      [created.id],
    );
    expect(row!.proof_of_work).toBe(false);
  });

  it('re-renders the form with what the person typed and what to fix', async () => {
    const body = inquiry({ formToken: oldToken(t), message: '', consent: false, lang: 'en' });
    const res = await t
      .http()
      .post('/api/public/inquiries')
      .type('form')
      .send(form(body))
      .expect(400);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain(`value="${String(body.orgName)}"`);
    expect(res.text).toContain(`value="${String(body.email)}"`);
    expect(res.text).toContain('Your message is required');
    expect(res.text).toContain('Your agreement to the purpose of use is required');
    expect(res.text).toContain('aria-invalid="true"');
    // The start time stays: fixing one field must not count as filling the form in too fast.
    expect(res.text).toContain(`name="formToken" value="${String(body.formToken)}"`);
    // A refusal keeps the values too, and says nothing of why.
    const refused = await t
      .http()
      .post('/api/public/inquiries')
      .type('form')
      .send(form({ ...body, message: 'こんにちは', consent: true, website: 'x' }))
      .expect(400);
    expect(refused.text).toContain(`value="${String(body.orgName)}"`);
    expect(refused.text).toContain('こんにちは</textarea>');
    expect(refused.text).toContain('could not accept this inquiry');
  });

  it('appends the same message from the same contact within the hour to the first case', async () => {
    const body = inquiry();
    const first = await t
      .http()
      .post('/api/public/inquiries')
      .send({ ...body, formToken: oldToken(t), altcha: await solved(t) })
      .expect(201);
    const again = await t
      .http()
      .post('/api/public/inquiries')
      // Another width and spacing of the same words is the same message.
      .send({
        ...body,
        message: ` ${String(body.message).replace('VPN', 'ＶＰＮ')}\n`,
        formToken: oldToken(t),
        altcha: await solved(t),
      })
      .expect(201);
    expect(again.body.referenceNumber).toBe(first.body.referenceNumber);
    const created = await caseOf(first.body.referenceNumber as string);
    const notes = await t.db.query<{ data: { repeatedSubmission?: boolean } }[]>(
      `SELECT data FROM case_event WHERE case_id = $1 AND kind = 'note'`,
      [created.id],
    );
    expect(notes.filter((n) => n.data.repeatedSubmission)).toHaveLength(1);
    const mails = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbound_mail WHERE case_id = $1`,
      [created.id],
    );
    expect(mails[0]!.n).toBe(1);
    // A different message is a new case.
    const other = await t
      .http()
      .post('/api/public/inquiries')
      .send({ ...body, message: '別の相談です', formToken: oldToken(t), altcha: await solved(t) })
      .expect(201);
    expect(other.body.referenceNumber).not.toBe(first.body.referenceNumber);
  });

  it('never answers 409 for a look-alike organization: creates it with a stored reason for staff to merge', async () => {
    const operator = await signInAs(t, 'operator');
    const existing = await operator
      .post('/api/organizations', { name: `そっくり商事${Date.now()}`, prefectureCode: '13' })
      .expect(201);
    const res = await t
      .http()
      .post('/api/public/inquiries')
      .send(
        inquiry({ orgName: existing.body.name, formToken: oldToken(t), altcha: await solved(t) }),
      )
      .expect(201);
    const created = await caseOf(res.body.referenceNumber as string);
    expect(created.organization_id).not.toBe(existing.body.id);
    const [org] = await t.db.query<{ duplicate_override_reason: string }[]>(
      `SELECT duplicate_override_reason FROM organization WHERE id = $1`,
      [created.organization_id],
    );
    expect(org!.duplicate_override_reason).toContain(existing.body.id as string);
    expect(org!.duplicate_override_reason).toContain('Web inquiry');
  });

  it('is its own origin of trust: a staff cookie is ignored, none is set, and staff endpoints take no form posts', async () => {
    const operator = await signInAs(t, 'operator');
    const res = await operator.agent
      .post('/api/public/inquiries')
      .send(inquiry({ formToken: oldToken(t), altcha: await solved(t) }))
      .expect(201);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await caseOf(res.body.referenceNumber as string)).created_by).toBeNull();

    // What a form on the public page (or any page) could post to a staff endpoint is refused
    // before any handler runs, cookie or not.
    const cases = await operator.agent
      .post('/api/cases')
      .set('x-csrf-token', operator.csrf)
      .type('form')
      .send('channel=web&subject=x')
      .expect(415);
    expect(cases.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await t
      .http()
      .post('/api/auth/login')
      .type('form')
      .send('email=a@example.jp&password=x')
      .expect(415);
  });
});

describe('the public form rate limits, across two instances', () => {
  let first: TestApp;
  let second: TestApp;
  const env = {
    ...EASY_POW,
    TRUST_PROXY: 'true',
    PUBLIC_INQUIRY_MAX_PER_IP: '3',
    PUBLIC_INQUIRY_MAX_GLOBAL: '6',
  };

  beforeAll(async () => {
    first = await createTestApp(env);
    second = await createAppOn(first, env);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const junk = (app: TestApp, ip: string) =>
    app
      .http()
      .post('/api/public/inquiries')
      .set('x-forwarded-for', ip)
      .send(inquiry({ website: 'spam', formToken: 'x' }));

  it('counts every attempt in PostgreSQL: per address, then for everyone, with Retry-After', async () => {
    // Three from one address, alternating instances: refused as junk, not yet limited.
    for (const app of [first, second, first]) {
      await junk(app, '203.0.113.7').expect(400);
    }
    const limited = await junk(second, '203.0.113.7').expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // The instance that refused it now answers that address before reading the body at all:
    // even JSON it could not parse gets the 429, not a 400.
    const early = await second
      .http()
      .post('/api/public/inquiries')
      .set('x-forwarded-for', '203.0.113.7')
      .set('content-type', 'application/json')
      .send('{"not json')
      .expect(429);
    expect(early.body).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);

    // Another address still gets in, until the global limit (6 attempts in the window) is hit.
    await junk(first, '198.51.100.9').expect(400);
    await junk(second, '198.51.100.9').expect(400);
    const global = await junk(first, '192.0.2.55').expect(429);
    expect(global.headers['retry-after']).toBeDefined();

    // A form post gets the page back, with a person's explanation and the same status.
    const page = await first
      .http()
      .post('/api/public/inquiries')
      .set('x-forwarded-for', '192.0.2.56')
      .type('form')
      .send(form(inquiry({ formToken: 'x' })))
      .expect(429);
    expect(page.headers['retry-after']).toBeDefined();
    expect(page.text).toContain('ただいまお問い合わせが集中しています');
    const cases = await first.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "case" WHERE channel = 'web'`,
    );
    expect(cases[0]!.n).toBe(0);
  });
});

describe('the public form without proof of work', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ...EASY_POW, PUBLIC_INQUIRY_MAX_UNVERIFIED: '1' });
  });
  afterAll(() => t.close());

  it('takes only a few unverified submissions per window; solved ones still get in', async () => {
    await t
      .http()
      .post('/api/public/inquiries')
      .type('form')
      .send(form(inquiry({ formToken: oldToken(t) })))
      .expect(200);
    const body = inquiry({ formToken: oldToken(t) });
    const capped = await t
      .http()
      .post('/api/public/inquiries')
      .type('form')
      .send(form(body))
      .expect(429);
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);
    expect(capped.text).toContain(`value="${String(body.orgName)}"`);
    await t
      .http()
      .post('/api/public/inquiries')
      .send({ ...body, altcha: await solved(t) })
      .expect(201);
  });
});
