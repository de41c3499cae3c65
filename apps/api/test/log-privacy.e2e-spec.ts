import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { loggableError, loggablePath } from '../src/common/logging/logger.options';
import { makeExpert } from './support/experts';
import { signIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

/**
 * The logs of a working session — intake with a contact, searches by phone and email, sign-in
 * failures, a calendar feed, a database error — read back line by line: no phone, email or
 * secret token of the people in the data may be in them.
 */
describe('log privacy', () => {
  let t: TestApp;
  const lines: string[] = [];
  const phone = '03-5555-0142';
  const email = 'hanako.log@example.co.jp';

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    t = await createTestApp({ LOG_LEVEL: 'debug' }, { logDestination: sink });
  });
  afterAll(() => t.close());

  it('keeps contacts’ phones and emails and feed tokens out of every log line', async () => {
    const operator = await signInAs(t, 'operator');
    const created = await operator
      .post('/api/cases', {
        channel: 'phone',
        organization: { name: 'ログ確認商事', phone },
        contact: { name: '記録 花子', phone, email },
        topics: ['LAB.TIME'],
        subject: `${email} から電話 ${phone}`,
      })
      .expect(201);
    await operator.get(`/api/cases?q=${encodeURIComponent(phone)}`).expect(200);
    await operator.get(`/api/organizations?q=${encodeURIComponent(email)}`).expect(200);
    await operator.get(`/api/cases/${created.body.id}`).expect(200);
    // A sign-in failure names the account in the audit trail, not in the log.
    await t.http().post('/api/auth/login').send({ email, password: 'wrong password' }).expect(401);
    // An invalid body whose values are personal data.
    await operator.post('/api/cases', { channel: 'phone', contact: { email: phone } }).expect(400);

    const expert = await makeExpert(t);
    const me = await signIn(t, expert.user);
    const issued = await me.post(`/api/experts/${expert.id}/calendar-token`).expect(201);
    await t.http().get(issued.body.url).expect(200);
    const token = String(issued.body.url).split('/').pop()!.replace('.ics', '');

    // Lines were written, request by request, so an empty log cannot pass this test.
    expect(lines.filter((l) => l.includes('"path":"/api/cases"')).length).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes('/api/calendar/[redacted]'))).toBe(true);
    const leaks = lines.filter(
      (l) =>
        l.includes(phone) ||
        l.includes(phone.replace(/-/g, '')) ||
        l.includes(email) ||
        l.includes(token),
    );
    expect(leaks).toEqual([]);
  });

  it('logs a database error with its statement but without its values', () => {
    const failure = new QueryFailedError(
      'INSERT INTO contact (email, phone) VALUES ($1, $2)',
      [email, phone],
      Object.assign(new Error('duplicate key value violates unique constraint "contact_email"'), {
        code: '23505',
        constraint: 'contact_email',
        detail: `Key (email)=(${email}) already exists.`,
        table: 'contact',
      }),
    );
    const logged = JSON.stringify(loggableError(failure));
    expect(logged).toContain('INSERT INTO contact (email, phone) VALUES ($1, $2)');
    expect(logged).toContain('contact_email');
    expect(logged).not.toContain(email);
    expect(logged).not.toContain(phone);
  });

  it('redacts secret path segments but keeps ids and route words', () => {
    expect(loggablePath('/api/calendar/Ab3dEf9hIjKlMnOpQrStUvWxYz0123456789_-abcde.ics?x=1')).toBe(
      '/api/calendar/[redacted]',
    );
    expect(
      loggablePath('/api/cases/2a1c3b4d-0000-4000-8000-000000000001/session-allowance-grants'),
    ).toBe('/api/cases/2a1c3b4d-0000-4000-8000-000000000001/session-allowance-grants');
  });
});
