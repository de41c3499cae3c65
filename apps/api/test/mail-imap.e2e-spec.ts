import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MailPollerService } from '../src/modules/mail/mail-poller.service';
import { startDovecot } from './support/dovecot';
import { createAppOn } from './support/second-app';
import { type SignedIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';
import { until as waitUntil } from './support/until';

const CORPUS = join(__dirname, 'fixtures/mail');
const POLL_ENV = { MAIL_POLL_SECONDS: '1', MAIL_POLL_LEASE_SECONDS: '4' };

const newMail = (id: string, subject: string): Buffer =>
  Buffer.from(
    [
      'From: "佐藤 花子" <sato@imap-test.example.jp>',
      'To: soudan@madoguchi.example.jp',
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      'Date: Sat, 05 Dec 2026 12:00:00 +0900',
      `Message-ID: <${id}>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      `${subject}について相談したいです。`,
      '',
    ].join('\r\n'),
  );

const until = <T>(probe: () => Promise<T | null | undefined | false>, what: string) =>
  waitUntil(probe, what, { timeoutMs: 30_000, intervalMs: 200 });

describe('IMAP polling against a real Dovecot', () => {
  let dovecot: Awaited<ReturnType<typeof startDovecot>>;
  // Owns the database; never polls. The polling instances come and go around it.
  let t: TestApp;
  let admin: SignedIn;
  let mailboxId: string;
  const instances: TestApp[] = [];

  const instance = async (): Promise<TestApp> => {
    const app = await createAppOn(t, POLL_ENV);
    instances.push(app);
    return app;
  };
  const poller = (app: TestApp): MailPollerService => app.app.get(MailPollerService);
  const stored = async (messageId: string) =>
    t.db.query<{ action: string; case_id: string | null }[]>(
      `SELECT action, case_id FROM mail_message WHERE mailbox_id = $1 AND message_id = $2`,
      [mailboxId, messageId],
    );
  const mailbox = async () => {
    const list = await admin.get('/api/mailboxes').expect(200);
    return list.body.items.find((m: { id: string }) => m.id === mailboxId) as {
      lastPolledAt: string | null;
      lastError: string | null;
      lastErrorAt: string | null;
      pollingBy: string | null;
      messageCounts: { created: number; appended: number; ignored: number };
    };
  };

  beforeAll(async () => {
    dovecot = await startDovecot();
    t = await createTestApp(POLL_ENV);
    admin = await signInAs(t, 'admin');
    const created = await admin
      .post('/api/mailboxes', {
        deskId: 'national',
        address: 'soudan@madoguchi.example.jp',
        imapHost: dovecot.host,
        imapPort: dovecot.port,
        imapTls: false,
        imapUser: dovecot.user,
        imapPassword: dovecot.password,
      })
      .expect(201);
    mailboxId = created.body.id as string;
  });
  afterAll(async () => {
    for (const app of instances) {
      await app.close().catch(() => undefined);
    }
    await t?.close();
    await dovecot?.close();
  });

  let a: TestApp;
  let b: TestApp;

  it('files the unseen messages of the inbox as cases and flags them \\Seen after', async () => {
    const names = ['01-iso2022jp-cp50220', '04-cp932-wave-dash', '07-utf8-split-base64'];
    for (const name of names) {
      await dovecot.append(readFileSync(join(CORPUS, `${name}.eml`)));
    }
    a = await instance();
    expect(await poller(a).run()).toBe(1);
    await until(async () => (await dovecot.flags()).seen === 3 && true, 'three messages seen');
    const cases = await t.db.query<{ subject: string; channel: string }[]>(
      `SELECT c.subject, c.channel FROM mail_message m JOIN "case" c ON c.id = m.case_id
        WHERE m.mailbox_id = $1 AND m.direction = 'in' AND m.action = 'created' ORDER BY c.subject`,
      [mailboxId],
    );
    const expected = names
      .map(
        (n) =>
          (JSON.parse(readFileSync(join(CORPUS, `${n}.json`), 'utf8')) as { subject: string })
            .subject,
      )
      .sort();
    expect(cases.map((c) => c.subject)).toEqual(expected);
    expect(cases.every((c) => c.channel === 'email')).toBe(true);
    expect(poller(a).fetched).toBe(3);
    const shown = await mailbox();
    expect(shown.pollingBy).toBe(poller(a).holder);
    expect(shown.lastPolledAt).not.toBeNull();
    expect(shown.messageCounts).toEqual({ created: 3, appended: 0, ignored: 0 });
  });

  it('IDLE: a message appended later arrives without another run', async () => {
    await dovecot.append(newMail('idle-1@imap-test.example.jp', 'テレワーク導入の相談'));
    await until(async () => (await stored('idle-1@imap-test.example.jp'))[0], 'the new message');
    expect(poller(a).fetched).toBe(4);
  });

  it('a second instance does not fetch what the lease holder fetches', async () => {
    b = await instance();
    expect(await poller(b).run()).toBe(0);
    for (let i = 0; i < 3; i++) {
      await dovecot.append(newMail(`second-${i}@imap-test.example.jp`, `二台目の確認 ${i}`));
    }
    // Both instances keep ticking, as the jobs' schedule would make them.
    for (let i = 0; i < 3; i++) {
      await poller(b).run();
    }
    await until(async () => (await dovecot.flags()).seen === 7 && true, 'seven seen');
    expect(poller(a).fetched).toBe(7);
    expect(poller(b).fetched).toBe(0);
    const [received] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM mail_message WHERE mailbox_id = $1 AND direction = 'in'`,
      [mailboxId],
    );
    expect(received!.n).toBe(7);
  });

  it('killed between fetch and commit: after the restart the message arrives once', async () => {
    let crashed!: () => void;
    const crash = new Promise<void>((resolve) => (crashed = resolve));
    poller(a).faults.afterFetch = () => {
      crashed();
      throw new Error('killed after the fetch');
    };
    await dovecot.append(newMail('crash-fetch@imap-test.example.jp', '障害試験（取得後）'));
    await crash;
    await a.close();
    expect(await stored('crash-fetch@imap-test.example.jp')).toEqual([]);
    expect((await dovecot.flags()).seen).toBe(7);
    // B takes the lease A gave up and fetches the message again.
    await until(async () => (await poller(b).run()) === 1, 'B polling');
    const [row] = await until(async () => {
      const rows = await stored('crash-fetch@imap-test.example.jp');
      return rows.length ? rows : null;
    }, 'the message after the restart');
    expect(row).toMatchObject({ action: 'created' });
    await until(async () => (await dovecot.flags()).seen === 8 && true, 'eight seen');
    expect(await stored('crash-fetch@imap-test.example.jp')).toHaveLength(1);
  });

  it('killed between commit and \\Seen: the refetch is ignored as a duplicate, one case', async () => {
    let crashed!: () => void;
    const crash = new Promise<void>((resolve) => (crashed = resolve));
    poller(b).faults.afterCommit = () => {
      crashed();
      throw new Error('killed after the commit');
    };
    await dovecot.append(newMail('crash-commit@imap-test.example.jp', '障害試験（確定後）'));
    await crash;
    await b.close();
    expect(await stored('crash-commit@imap-test.example.jp')).toHaveLength(1);
    expect((await dovecot.flags()).seen).toBe(8);
    const c = await instance();
    await until(async () => (await poller(c).run()) === 1, 'C polling');
    await until(async () => (await dovecot.flags()).seen === 9 && true, 'nine seen');
    expect(poller(c).fetched).toBe(1);
    const rows = await stored('crash-commit@imap-test.example.jp');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.action).toBe('created');
    b = c;
  });

  it('Dovecot down: the mailbox shows the error, and ingestion resumes when it is back', async () => {
    const before = await mailbox();
    await dovecot.stop();
    const failing = await until(async () => {
      const m = await mailbox();
      return m.lastErrorAt && m.lastErrorAt !== before.lastErrorAt ? m : null;
    }, 'the error on the mailbox');
    expect(failing.lastError).toBeTruthy();
    await dovecot.start();
    await dovecot.append(newMail('after-outage@imap-test.example.jp', '復旧後の相談'));
    const [row] = await until(async () => {
      const rows = await stored('after-outage@imap-test.example.jp');
      return rows.length ? rows : null;
    }, 'the message after the outage');
    expect(row!.action).toBe('created');
    const recovered = await mailbox();
    expect(Date.parse(recovered.lastPolledAt!)).toBeGreaterThan(Date.parse(failing.lastErrorAt!));
  });

  it('a mailbox switched off stops being polled, and its lease is given up', async () => {
    const list = await admin.get('/api/mailboxes').expect(200);
    const { version } = list.body.items.find((m: { id: string }) => m.id === mailboxId) as {
      version: number;
    };
    await admin.patch(`/api/mailboxes/${mailboxId}`, { version, active: false }).expect(200);
    await until(async () => (await mailbox()).pollingBy === null, 'the lease given up');
    await dovecot.append(newMail('while-off@imap-test.example.jp', '停止中のメール'));
    await new Promise((r) => setTimeout(r, 2500));
    expect(await stored('while-off@imap-test.example.jp')).toEqual([]);
    expect(await poller(b).run()).toBe(0);
  });
});
