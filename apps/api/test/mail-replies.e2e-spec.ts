import { MailRepliesService } from '../src/modules/mail/mail-replies.service';
import { type SignedIn, signInAs } from './support/sessions';
import { startSmtpCapture } from './support/smtp-capture';
import { type TestApp, createTestApp } from './support/test-app';
import { until as waitUntil } from './support/until';

const inquiry = (id: string, subject: string, extra: string[] = []): Buffer =>
  Buffer.from(
    [
      'From: "山田 太郎" <yamada@reply-test.example.jp>',
      'To: soudan@madoguchi.example.jp',
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      'Date: Sat, 05 Dec 2026 12:00:00 +0900',
      `Message-ID: <${id}>`,
      ...extra,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      `${subject}について教えてください。`,
      '',
    ].join('\r\n'),
  );

interface Message {
  id: string;
  direction: 'in' | 'out';
  subject: string;
  to: string[];
  cc: string[];
  sendStatus: 'pending' | 'sent' | 'failed' | null;
  sendAttempts: number;
  sendError: string | null;
}

const until = <T>(probe: () => Promise<T | null | undefined | false>, what: string) =>
  waitUntil(probe, what, { timeoutMs: 15_000, intervalMs: 100 });

describe('replying by email from the case', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let t: TestApp;
  let admin: SignedIn;
  let operator: SignedIn;
  let token: string;
  let mailboxId: string;

  const ingest = async (raw: Buffer) =>
    (
      await t
        .http()
        .post(`/api/mailboxes/${mailboxId}/messages`)
        .set('authorization', `Bearer ${token}`)
        .set('content-type', 'message/rfc822')
        .send(raw)
        .expect(201)
    ).body as { caseId: string; caseNumber: string; action: string };
  const messages = async (caseId: string): Promise<Message[]> =>
    (await operator.get(`/api/cases/${caseId}/messages`).expect(200)).body.items as Message[];
  const reply = async (caseId: string, id: string) =>
    until(async () => (await messages(caseId)).find((m) => m.id === id), 'the reply');
  const firstRespondedAt = async (caseId: string): Promise<string | null> =>
    (await operator.get(`/api/cases/${caseId}`).expect(200)).body.firstRespondedAt as string | null;
  /** Replies on the timeline (the acknowledgement is an email_out entry too). */
  const emailOutEvents = async (caseId: string) =>
    (
      (await operator.get(`/api/cases/${caseId}/events`).expect(200)).body.items as {
        kind: string;
        data: { acknowledgement?: boolean };
      }[]
    ).filter((e) => e.kind === 'email_out' && !e.data.acknowledgement);

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    const port = Number(new URL(smtp.url).port);
    t = await createTestApp({ MAIL_REPLY_MAX_ATTEMPTS: '2' });
    admin = await signInAs(t, 'admin');
    operator = await signInAs(t, 'operator');
    token = (await admin.post('/api/api-tokens', { name: 'MTA', role: 'admin' }).expect(201)).body
      .token as string;
    mailboxId = (
      await admin
        .post('/api/mailboxes', {
          deskId: 'national',
          address: 'soudan@madoguchi.example.jp',
          displayName: 'テレワーク相談センター',
          smtpHost: '127.0.0.1',
          smtpPort: port,
          smtpTls: false,
        })
        .expect(201)
    ).body.id as string;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends through the mailbox SMTP with Message-ID, In-Reply-To, References and the case token; then the case is answered', async () => {
    const received = await ingest(
      inquiry('q1@reply-test.example.jp', '在宅勤務規程について', [
        'References: <start@reply-test.example.jp>',
      ]),
    );
    expect(received.action).toBe('created');
    expect(await firstRespondedAt(received.caseId)).toBeNull();

    const draft = await operator.get(`/api/cases/${received.caseId}/reply-draft`).expect(200);
    expect(draft.body).toMatchObject({
      from: 'soudan@madoguchi.example.jp',
      to: ['yamada@reply-test.example.jp'],
      subject: 'Re: 在宅勤務規程について',
      quoted: {
        fromAddress: 'yamada@reply-test.example.jp',
        fromName: '山田 太郎',
        text: expect.stringContaining('在宅勤務規程についてについて教えてください。'),
      },
    });

    const posted = await operator
      .post(`/api/cases/${received.caseId}/replies`, {
        to: ['yamada@reply-test.example.jp'],
        cc: ['Boss@Reply-Test.example.jp'],
        subject: 'Re: 在宅勤務規程について',
        body: '山田様\n\nご相談ありがとうございます。\n\nテレワーク相談センター',
      })
      .expect(201);
    expect(posted.body).toMatchObject({
      direction: 'out',
      subject: `[#${received.caseNumber}] Re: 在宅勤務規程について`,
      to: ['yamada@reply-test.example.jp'],
      cc: ['boss@reply-test.example.jp'],
    });
    const sent = await until(async () => {
      const m = await reply(received.caseId, posted.body.id as string);
      return m.sendStatus === 'sent' ? m : null;
    }, 'the reply sent');
    expect(sent.sendAttempts).toBe(1);

    const mails = await smtp.parsed();
    const mail = mails.find((m) => m.subject.includes(received.caseNumber))!;
    expect(mail.to.sort()).toEqual(['boss@reply-test.example.jp', 'yamada@reply-test.example.jp']);
    expect(mail.subject).toBe(`[#${received.caseNumber}] Re: 在宅勤務規程について`);
    expect(String(mail.headers.get('message-id'))).toMatch(
      /^<reply\.[0-9a-f-]+@madoguchi\.example\.jp>$/,
    );
    expect(mail.headers.get('in-reply-to')).toBe('<q1@reply-test.example.jp>');
    expect(mail.headers.get('references')).toEqual([
      '<start@reply-test.example.jp>',
      '<q1@reply-test.example.jp>',
    ]);
    expect(JSON.stringify(mail.headers.get('from'))).toContain('soudan@madoguchi.example.jp');
    expect(mail.text).toContain('ご相談ありがとうございます。');

    expect(await firstRespondedAt(received.caseId)).not.toBeNull();
    expect(await emailOutEvents(received.caseId)).toHaveLength(1);

    // The customer answers our reply: it joins the case by its headers.
    const messageId = String(mail.headers.get('message-id')).slice(1, -1);
    const answer = await ingest(
      inquiry('q1-answer@reply-test.example.jp', 'Re: 在宅勤務規程について', [
        `In-Reply-To: <${messageId}>`,
      ]),
    );
    expect(answer).toMatchObject({ action: 'appended', caseId: received.caseId });
  });

  it('retries a refused send with backoff, showing the state on the case; answered only once accepted', async () => {
    const received = await ingest(inquiry('q2@reply-test.example.jp', '助成金の申請'));
    const before = smtp.received.length;
    smtp.refuse(1);
    const posted = await operator
      .post(`/api/cases/${received.caseId}/replies`, {
        to: ['yamada@reply-test.example.jp'],
        subject: 'Re: 助成金の申請',
        body: 'ご回答いたします。',
      })
      .expect(201);
    const refused = await until(async () => {
      const m = await reply(received.caseId, posted.body.id as string);
      return m.sendAttempts === 1 ? m : null;
    }, 'the refusal');
    expect(refused.sendStatus).toBe('pending');
    expect(refused.sendError).toMatch(/451|Try again later/);
    expect(await firstRespondedAt(received.caseId)).toBeNull();
    expect(await emailOutEvents(received.caseId)).toHaveLength(0);
    expect(smtp.received.length).toBe(before);

    // Not before its time: the retry waits out the backoff.
    expect(await t.app.get(MailRepliesService).run()).toBe(0);
    await t.db.query(`UPDATE mail_message SET send_after = now() WHERE id = $1`, [posted.body.id]);
    expect(await t.app.get(MailRepliesService).run()).toBe(1);
    const sent = await reply(received.caseId, posted.body.id as string);
    expect(sent).toMatchObject({ sendStatus: 'sent', sendAttempts: 2, sendError: null });
    expect(smtp.received.length).toBe(before + 1);
    expect(await firstRespondedAt(received.caseId)).not.toBeNull();
    expect(await emailOutEvents(received.caseId)).toHaveLength(1);
  });

  it('gives up after MAIL_REPLY_MAX_ATTEMPTS (failed, shown), and sends again when staff retry', async () => {
    const received = await ingest(inquiry('q3@reply-test.example.jp', 'VPNの設定'));
    smtp.refuse(2);
    const posted = await operator
      .post(`/api/cases/${received.caseId}/replies`, {
        to: ['yamada@reply-test.example.jp'],
        subject: 'Re: VPNの設定',
        body: 'ご回答いたします。',
      })
      .expect(201);
    const id = posted.body.id as string;
    await until(async () => (await reply(received.caseId, id)).sendAttempts === 1, 'one try');
    await t.db.query(`UPDATE mail_message SET send_after = now() WHERE id = $1`, [id]);
    await t.app.get(MailRepliesService).run();
    expect(await reply(received.caseId, id)).toMatchObject({
      sendStatus: 'failed',
      sendAttempts: 2,
    });
    expect(await firstRespondedAt(received.caseId)).toBeNull();

    const retried = await operator
      .post(`/api/cases/${received.caseId}/replies/${id}/retry`)
      .expect(200);
    expect(retried.body.id).toBe(id);
    await until(async () => (await reply(received.caseId, id)).sendStatus === 'sent', 'sent');
    expect(await firstRespondedAt(received.caseId)).not.toBeNull();
    await operator.post(`/api/cases/${received.caseId}/replies/${id}/retry`).expect(404);
  });

  it('sends attachments with the reply, lists them on the case, and refuses an executable', async () => {
    const received = await ingest(inquiry('q5@reply-test.example.jp', '規程のひな形'));
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const exe = await operator
      .post(`/api/cases/${received.caseId}/replies`, {
        to: ['yamada@reply-test.example.jp'],
        subject: 'Re: 規程のひな形',
        body: '添付します。',
        attachments: [
          { filename: 'ひな形.pdf', contentBase64: pdf.toString('base64') },
          {
            filename: 'setup.exe',
            contentBase64: Buffer.from('MZ\x90\x00\x03').toString('base64'),
          },
        ],
      })
      .expect(400);
    expect(exe.body.details[0].field).toBe('attachments.1');

    const before = smtp.received.length;
    const posted = await operator
      .post(`/api/cases/${received.caseId}/replies`, {
        to: ['yamada@reply-test.example.jp'],
        subject: 'Re: 規程のひな形',
        body: '添付します。',
        attachments: [{ filename: 'ひな形.pdf', contentBase64: pdf.toString('base64') }],
      })
      .expect(201);
    expect(posted.body.attachments).toMatchObject([
      {
        filename: 'ひな形.pdf',
        sniffedType: 'application/pdf',
        size: pdf.length,
        status: 'stored',
      },
    ]);
    await until(
      async () => (await reply(received.caseId, posted.body.id as string)).sendStatus === 'sent',
      'sent',
    );
    expect(smtp.received.length).toBe(before + 1);
    const { simpleParser } = await import('mailparser');
    const mail = await simpleParser(smtp.received.at(-1)!.raw);
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.equals(pdf)])).toEqual(
      [['ひな形.pdf', 'application/pdf', true]],
    );
  });

  it('answers 400 naming the field, 409 when the desk has no mailbox, 404 for a case out of scope', async () => {
    const received = await ingest(inquiry('q4@reply-test.example.jp', '勤怠管理'));
    const bad = await operator
      .post(`/api/cases/${received.caseId}/replies`, {
        to: ['not-an-address'],
        subject: 'x',
        body: 'y',
      })
      .expect(400);
    expect(bad.body.details[0].field).toBe('to');

    const kanto = await signInAs(t, 'desk_staff', 'kanto');
    await kanto
      .post(`/api/cases/${received.caseId}/replies`, { to: ['a@b.jp'], subject: 'x', body: 'y' })
      .expect(404);

    await t.db.query(`UPDATE mailbox SET active = false WHERE id = $1`, [mailboxId]);
    const none = await operator
      .post(`/api/cases/${received.caseId}/replies`, { to: ['a@b.jp'], subject: 'x', body: 'y' })
      .expect(409);
    expect(none.body.code).toBe('MAIL_REPLY_NO_MAILBOX');
    await t.db.query(`UPDATE mailbox SET active = true WHERE id = $1`, [mailboxId]);
  });
});
