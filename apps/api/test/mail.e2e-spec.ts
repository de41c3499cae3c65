import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MailOutboxService } from '../src/modules/notifications/mail-outbox.service';
import { type SignedIn, signInAs } from './support/sessions';
import { startSmtpCapture } from './support/smtp-capture';
import { type TestApp, createTestApp } from './support/test-app';

const CORPUS = join(__dirname, 'fixtures/mail');
const fixtures = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => f.slice(0, -'.eml'.length))
  .sort();

interface Expected {
  subject: string;
  text?: string;
  textIncludes?: string[];
  from: { address: string; name: string };
  action: 'created' | 'appended' | 'ignored';
  reason?: string;
  threadsWith?: string;
}
const expectedOf = (name: string): Expected =>
  JSON.parse(readFileSync(join(CORPUS, `${name}.json`), 'utf8')) as Expected;

/** A plain UTF-8 message from `from`, for the tests that need many. */
const simpleMail = (from: string, subject: string, id: string, extra = ''): Buffer =>
  Buffer.from(
    [
      `From: ${from}`,
      'To: soudan@madoguchi.example.jp',
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      'Date: Sat, 05 Dec 2026 12:00:00 +0900',
      `Message-ID: <${id}>`,
      ...(extra ? [extra] : []),
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      `${subject}についてご相談です。`,
      '',
    ].join('\r\n'),
  );

describe('the email channel: mailboxes and ingestion from an MTA', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let t: TestApp;
  let admin: SignedIn;
  let token: string;
  let mailboxId: string;

  const ingest = (raw: Buffer, bearer = token, id = mailboxId) =>
    t
      .http()
      .post(`/api/mailboxes/${id}/messages`)
      .set('authorization', `Bearer ${bearer}`)
      .set('content-type', 'message/rfc822')
      .send(raw);

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({ SMTP_URL: smtp.url });
    admin = await signInAs(t, 'admin');
    const created = await admin.post('/api/api-tokens', { name: 'MTA', role: 'admin' }).expect(201);
    token = created.body.token as string;
    const mailbox = await admin
      .post('/api/mailboxes', {
        deskId: 'national',
        address: 'Soudan@madoguchi.example.jp',
        displayName: 'テレワーク相談センター',
        imapHost: 'imap.example.jp',
        imapPort: 993,
        imapUser: 'soudan',
        imapPassword: 'imap-secret-1',
        smtpPassword: 'smtp-secret-1',
        signature: 'テレワーク相談センター\n電話 0120-000-000（平日9:00～17:00）',
      })
      .expect(201);
    mailboxId = mailbox.body.id as string;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  describe('mailboxes', () => {
    it('stores passwords sealed and never returns them', async () => {
      const list = await admin.get('/api/mailboxes').expect(200);
      const mailbox = list.body.items.find((m: { id: string }) => m.id === mailboxId);
      expect(mailbox).toMatchObject({
        address: 'soudan@madoguchi.example.jp',
        imapPasswordSet: true,
        smtpPasswordSet: true,
        ackLanguage: 'ja',
        version: 1,
      });
      expect(JSON.stringify(list.body)).not.toContain('secret-1');
      const [row] = await t.db.query<{ imap_password_sealed: string }[]>(
        `SELECT imap_password_sealed FROM mailbox WHERE id = $1`,
        [mailboxId],
      );
      expect(row!.imap_password_sealed).toMatch(/^v1\./);
      expect(row!.imap_password_sealed).not.toContain('imap-secret-1');
    });

    it('answers 409 on a stale version or a taken address, 400 naming the field, 403 to others', async () => {
      const patched = await admin
        .patch(`/api/mailboxes/${mailboxId}`, { version: 1, reopenWithinDays: 10 })
        .expect(200);
      expect(patched.body).toMatchObject({ reopenWithinDays: 10, version: 2 });
      const stale = await admin
        .patch(`/api/mailboxes/${mailboxId}`, { version: 1, active: false })
        .expect(409);
      expect(stale.body.code).toBe('MAILBOX_VERSION_CONFLICT');
      const taken = await admin
        .post('/api/mailboxes', { deskId: 'kanto', address: 'soudan@madoguchi.example.jp' })
        .expect(409);
      expect(taken.body.code).toBe('MAILBOX_ADDRESS_TAKEN');
      const bad = await admin
        .post('/api/mailboxes', { deskId: 'kanto', address: 'not-an-address' })
        .expect(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'address' })]);
      const operator = await signInAs(t, 'operator');
      await operator.get('/api/mailboxes').expect(403);
    });
  });

  describe('ingestion', () => {
    const results = new Map<
      string,
      { action: string; caseId: string; caseNumber: string; reason: string | null }
    >();

    it.each(fixtures)('%s', async (name) => {
      const expected = expectedOf(name);
      let raw = readFileSync(join(CORPUS, `${name}.eml`));
      if (expected.threadsWith && raw.includes('{{caseNumber}}')) {
        raw = Buffer.from(
          raw
            .toString('latin1')
            .replace('{{caseNumber}}', results.get(expected.threadsWith)!.caseNumber),
          'latin1',
        );
      }
      const res = await ingest(raw).expect(201);
      results.set(name, res.body);
      expect(res.body.action).toBe(expected.action);
      if (expected.action === 'ignored') {
        expect(res.body).toMatchObject({ caseId: null, reason: expected.reason });
        return;
      }
      if (expected.threadsWith) {
        expect(res.body.caseId).toBe(results.get(expected.threadsWith)!.caseId);
        const events = await admin.get(`/api/cases/${res.body.caseId}/events`).expect(200);
        const incoming = events.body.items.filter((e: { kind: string }) => e.kind === 'email_in');
        expect(incoming.at(-1).body.trim()).toBe(expected.text!.trim());
        return;
      }
      const kase = await admin.get(`/api/cases/${res.body.caseId}`).expect(200);
      expect(kase.body).toMatchObject({
        channel: 'email',
        subject: expected.subject,
        number: res.body.caseNumber,
        deskId: 'national',
        topics: [],
      });
      for (const part of expected.textIncludes ?? [expected.text!]) {
        expect(kase.body.description).toContain(part.trim());
      }
    });

    it('starts the SLA when the mail was sent', async () => {
      const created = results.get('01-iso2022jp-cp50220')!;
      const kase = await admin.get(`/api/cases/${created.caseId}`).expect(200);
      expect(kase.body.receivedAt).toBe('2026-12-01T01:15:00.000Z');
      expect(kase.body.firstResponseDueAt).not.toBeNull();
    });

    it('takes the same message twice once', async () => {
      const first = results.get('01-iso2022jp-cp50220')!;
      const again = await ingest(readFileSync(join(CORPUS, '01-iso2022jp-cp50220.eml'))).expect(
        201,
      );
      expect(again.body).toMatchObject({
        action: 'ignored',
        reason: 'DUPLICATE',
        caseId: first.caseId,
      });
      // No Message-ID: the hash of the bytes is the key.
      const noId = readFileSync(join(CORPUS, '10-no-message-id.eml'));
      const twice = await ingest(noId).expect(201);
      expect(twice.body).toMatchObject({
        action: 'ignored',
        reason: 'DUPLICATE',
        caseId: results.get('10-no-message-id')!.caseId,
      });
      const [count] = await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM mail_message WHERE mailbox_id = $1 AND direction = 'in'`,
        [mailboxId],
      );
      expect(count!.n).toBe(fixtures.length);
    });

    it('acknowledges new cases with their number, never machine mail', async () => {
      const outbox = t.app.get(MailOutboxService);
      await outbox.run();
      const mails = await smtp.parsed();
      const created = fixtures.filter((n) => expectedOf(n).action === 'created');
      const acks = mails.filter((m) => m.subject.includes('お問い合わせを受け付けました'));
      expect(acks).toHaveLength(created.length);
      const first = results.get('01-iso2022jp-cp50220')!;
      const ack = acks.find((m) => m.to.includes('takahashi@takada-ss.example.jp'))!;
      expect(ack.subject).toContain(`[#${first.caseNumber}]`);
      expect(ack.text).toContain('髙橋 一郎 様');
      expect(ack.text).toContain(`受付番号: ${first.caseNumber}`);
      expect(ack.text).toContain('平日9:00～17:00');
      expect(ack.headers.get('in-reply-to')).toBe('<cp50220-001@takada-ss.example.jp>');
      for (const name of fixtures.filter((n) => expectedOf(n).action === 'ignored')) {
        expect(mails.some((m) => m.to.includes(expectedOf(name).from.address))).toBe(false);
      }
    });

    it('threads a reply to the acknowledgement into its case', async () => {
      const first = results.get('01-iso2022jp-cp50220')!;
      const [ack] = await t.db.query<{ message_id: string }[]>(
        `SELECT message_id FROM mail_message WHERE case_id = $1 AND direction = 'out'`,
        [first.caseId],
      );
      const reply = await ingest(
        simpleMail(
          'takahashi@takada-ss.example.jp',
          'Re: お問い合わせを受け付けました',
          'reply-to-ack@takada-ss.example.jp',
          `In-Reply-To: <${ack!.message_id}>`,
        ),
      ).expect(201);
      expect(reply.body).toMatchObject({
        action: 'appended',
        caseId: first.caseId,
        reason: 'THREADED_BY_HEADERS',
      });
    });

    it('stops acknowledging a sender after the hourly limit', async () => {
      const sender = 'busy@flood.example.jp';
      const outcomes = [];
      for (let i = 0; i < 4; i += 1) {
        const res = await ingest(
          simpleMail(sender, `相談${i}`, `flood-${i}@flood.example.jp`),
        ).expect(201);
        outcomes.push(res.body);
      }
      expect(outcomes.map((o) => o.action)).toEqual(['created', 'created', 'created', 'created']);
      expect(outcomes.map((o) => o.reason)).toEqual([null, null, null, 'ACK_RATE_LIMITED']);
    });

    it('files a known sender under their contact and organization', async () => {
      const operator = await signInAs(t, 'operator');
      const intake = await operator
        .post('/api/cases', {
          channel: 'phone',
          organization: { name: '既知商事株式会社' },
          contact: { name: '既知 太郎', email: 'kichi@kichi-shoji.example.jp' },
          topics: ['ICT.NET'],
          subject: '電話での相談',
        })
        .expect(201);
      const res = await ingest(
        simpleMail(
          '"Kichi" <Kichi@Kichi-Shoji.example.jp>',
          'メールでも相談',
          'kichi-1@kichi-shoji.example.jp',
        ),
      ).expect(201);
      const kase = await admin.get(`/api/cases/${res.body.caseId}`).expect(200);
      expect(kase.body.organization.id).toBe(intake.body.organization.id);
      expect(kase.body.contact.id).toBe(intake.body.contact.id);
    });

    it('reopens a recently closed case on a reply, and opens a new one for an old case', async () => {
      const open = await ingest(
        simpleMail('close@close.example.jp', '閉じる相談', 'close-1@close.example.jp'),
      ).expect(201);
      const caseId = open.body.caseId as string;
      const operator = await signInAs(t, 'operator');
      const close = async () => {
        let kase = await admin.get(`/api/cases/${caseId}`).expect(200);
        if (kase.body.status === 'in_progress') {
          await operator
            .post(`/api/cases/${caseId}/transitions`, {
              to: 'resolved',
              version: kase.body.version,
            })
            .expect(200);
          kase = await admin.get(`/api/cases/${caseId}`).expect(200);
        }
        await operator
          .post(`/api/cases/${caseId}/transitions`, {
            to: 'closed',
            version: kase.body.version,
            outcome: 'unknown',
            outcomeConfirmedOn: '2026-12-05',
          })
          .expect(200);
      };
      await close();
      const reply = await ingest(
        simpleMail(
          'close@close.example.jp',
          `Re: [#${open.body.caseNumber}] 閉じる相談`,
          'close-2@close.example.jp',
        ),
      ).expect(201);
      expect(reply.body).toMatchObject({ action: 'appended', caseId, reason: 'REOPENED' });
      expect((await admin.get(`/api/cases/${caseId}`).expect(200)).body.status).toBe('in_progress');

      await close();
      await t.db.query(`UPDATE "case" SET closed_at = now() - interval '30 days' WHERE id = $1`, [
        caseId,
      ]);
      const late = await ingest(
        simpleMail(
          'close@close.example.jp',
          `Re: [#${open.body.caseNumber}] 閉じる相談`,
          'close-3@close.example.jp',
        ),
      ).expect(201);
      expect(late.body.action).toBe('created');
      expect(late.body.caseId).not.toBe(caseId);
      const events = await admin.get(`/api/cases/${late.body.caseId}/events`).expect(200);
      expect(events.body.items[0].data.previousCaseId).toBe(caseId);
    });
  });

  describe('reading mail on the case', () => {
    it('shows sanitized HTML and attachments, served only as downloads', async () => {
      const html = await ingest(readFileSync(join(CORPUS, '08-html-only.eml')));
      const htmlCase = html.body.caseId as string;
      const [message] = (await admin.get(`/api/cases/${htmlCase}/messages`).expect(200)).body.items;
      expect(message.direction).toBe('in');
      expect(message.html).toContain('テレワーク規程のひな形はありますか。');
      expect(message.html).not.toMatch(/<script|onclick|tracker\.example\.com|<form|<img/);

      const [attached] = await t.db.query<{ case_id: string }[]>(
        `SELECT case_id FROM mail_message WHERE message_id = 'attach-009@tokai-seimitsu.example.jp'`,
      );
      const attachmentsCase = attached!.case_id;
      const messages = (await admin.get(`/api/cases/${attachmentsCase}/messages`).expect(200)).body
        .items;
      const inbound = messages.find((m: { direction: string }) => m.direction === 'in');
      expect(
        inbound.attachments.map((a: { filename: string; status: string }) => [
          a.filename,
          a.status,
        ]),
      ).toEqual([
        ['申請書.pdf', 'stored'],
        ['社内写真.png', 'stored'],
        ['invoice.pdf', 'quarantined'],
      ]);
      const pdf = await admin.get(`/api/mail-attachments/${inbound.attachments[0].id}`).expect(200);
      expect(pdf.headers['content-type']).toBe('application/octet-stream');
      expect(pdf.headers['content-disposition']).toBe(
        `attachment; filename="___.pdf"; filename*=UTF-8''${encodeURIComponent('申請書.pdf')}`,
      );
      expect(pdf.headers['x-content-type-options']).toBe('nosniff');
      const exe = await admin.get(`/api/mail-attachments/${inbound.attachments[2].id}`).expect(409);
      expect(exe.body.code).toBe('MAIL_ATTACHMENT_QUARANTINED');
    });

    it('keeps the raw message', async () => {
      const raw = readFileSync(join(CORPUS, '01-iso2022jp-cp50220.eml'));
      const [row] = await t.db.query<{ raw: Buffer }[]>(
        `SELECT raw FROM mail_message WHERE message_id = 'cp50220-001@takada-ss.example.jp'`,
      );
      expect(row!.raw.equals(raw)).toBe(true);
    });
  });

  describe('the ingest endpoint', () => {
    it('wants message/rfc822 and an admin', async () => {
      const json = await t
        .http()
        .post(`/api/mailboxes/${mailboxId}/messages`)
        .set('authorization', `Bearer ${token}`)
        .send({ raw: 'x' })
        .expect(415);
      expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const manager = await admin
        .post('/api/api-tokens', { name: 'Reports', role: 'manager' })
        .expect(201);
      await ingest(
        simpleMail('a@b.example.jp', 'x', 'm-1@b.example.jp'),
        manager.body.token,
      ).expect(403);
      await ingest(
        simpleMail('a@b.example.jp', 'x', 'm-1@b.example.jp'),
        token,
        '00000000-0000-4000-8000-000000000000',
      ).expect(404);
    });

    it('takes a mail_ingest token, which can do nothing else', async () => {
      const created = await admin
        .post('/api/api-tokens', { name: 'Postfix', role: 'operator', scopes: ['mail_ingest'] })
        .expect(201);
      expect(created.body.scopes).toEqual(['mail_ingest']);
      const mta = created.body.token as string;
      const filed = await ingest(
        simpleMail('scoped@mta.example.jp', 'MTAからの配送', 'scoped-1@mta.example.jp'),
        mta,
      ).expect(201);
      expect(filed.body.action).toBe('created');
      // Filed as a system intake: nobody is made the assignee by the token's role.
      const [row] = await t.db.query<{ assignee_id: string | null }[]>(
        `SELECT assignee_id FROM "case" WHERE id = $1`,
        [filed.body.caseId],
      );
      expect(row!.assignee_id).toBeNull();
      for (const path of ['/api/cases', '/api/mailboxes', `/api/cases/${filed.body.caseId}`]) {
        const refused = await t.http().get(path).set('authorization', `Bearer ${mta}`).expect(403);
        expect(refused.body.code).toBe('FORBIDDEN');
      }
      await admin
        .post('/api/api-tokens', { name: 'x', role: 'operator', scopes: ['everything'] })
        .expect(400);
    });
  });
});
