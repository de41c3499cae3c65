import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/create-app';
import { FollowUpRemindersService } from '../src/modules/follow-ups/follow-up-reminders.service';
import { JobsService, QUEUES } from '../src/modules/jobs/jobs.service';
import { MailOutboxService } from '../src/modules/notifications/mail-outbox.service';
import { SlaBreachScanService } from '../src/modules/cases/sla-breach-scan.service';
import { type SignedIn, signInAs } from './support/sessions';
import { startSmtpCapture } from './support/smtp-capture';
import { type TestApp, createTestApp } from './support/test-app';

describe('background jobs with two API instances', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let t: TestApp;
  let second: NestFastifyApplication;
  let operator: SignedIn;
  let kanto: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({ SMTP_URL: smtp.url, JOBS_ENABLED: 'true' });
    // A second instance on the same database, as behind a load balancer.
    second = await createApp(t.settings);
    await second.getHttpAdapter().getInstance().ready();
    operator = await signInAs(t, 'operator');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
  });
  afterAll(async () => {
    await second.close();
    await t.close();
    await smtp.close();
  });

  const overdueEmailCase = async (subject: string) => {
    const res = await operator
      .post('/api/cases', {
        channel: 'email',
        organization: { name: `${subject}の会社` },
        topics: ['ICT.NET'],
        subject,
      })
      .expect(201);
    await t.db.query(
      `UPDATE "case" SET first_response_due_at = now() - interval '1 minute' WHERE id = $1`,
      [res.body.id],
    );
    return res.body.id as string;
  };

  it('marks and notifies a breach exactly once when both instances scan at once', async () => {
    const id = await overdueEmailCase('期限切れの問い合わせ');
    const counts = await Promise.all([
      t.app.get(SlaBreachScanService).run(),
      second.get(SlaBreachScanService).run(),
      t.app.get(SlaBreachScanService).run(),
      second.get(SlaBreachScanService).run(),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const events = await t.db.query<{ kind: string }[]>(
      `SELECT kind FROM case_event WHERE case_id = $1 AND kind = 'sla_breached'`,
      [id],
    );
    expect(events).toHaveLength(1);
    const notifications = await t.db.query<{ user_id: string }[]>(
      `SELECT user_id FROM notification WHERE case_id = $1 AND kind = 'sla_breach'`,
      [id],
    );
    expect(notifications.filter((n) => n.user_id === operator.user.id)).toHaveLength(1);
    // A later scan finds nothing new.
    expect(await second.get(SlaBreachScanService).run()).toBe(0);

    // The bell shows it, once.
    const bell = await operator.get('/api/notifications').expect(200);
    expect(bell.body.unread).toBeGreaterThanOrEqual(1);
    const mine = bell.body.items.filter((n: { caseId: string }) => n.caseId === id);
    expect(mine).toHaveLength(1);
    await operator.post(`/api/notifications/${mine[0].id}/read`).expect(204);
  });

  it('mails each notification once, whichever instance sends it', async () => {
    smtp.received.length = 0;
    const sent = await Promise.all([
      t.app.get(MailOutboxService).run(),
      second.get(MailOutboxService).run(),
    ]);
    const [{ pending } = { pending: -1 }] = await t.db.query<{ pending: number }[]>(
      `SELECT count(*)::int AS pending FROM notification WHERE emailed_at IS NULL`,
    );
    expect(pending).toBe(0);
    expect(smtp.received).toHaveLength(sent[0] + sent[1]);
    const mails = await smtp.parsed();
    expect(mails.some((m) => m.subject.includes('初回回答の期限を過ぎました'))).toBe(true);
    expect(mails.some((m) => m.to.includes(operator.user.email))).toBe(true);
  });

  it('delivers follow-up reminders to the test SMTP server', async () => {
    smtp.received.length = 0;
    const created = await kanto
      .post('/api/cases', {
        channel: 'walk_in',
        organization: { name: '期日の会社', prefectureCode: '13' },
        topics: ['LAB.RULES'],
        subject: '就業規則の改定',
      })
      .expect(201);
    const followUp = await kanto
      .post(`/api/cases/${created.body.id}/follow-ups`, {
        dueInBusinessDays: 1,
        note: '規程案を確認',
      })
      .expect(201);
    await t.db.query(
      `UPDATE follow_up SET due_on = (now() AT TIME ZONE 'Asia/Tokyo')::date WHERE id = $1`,
      [followUp.body.id],
    );
    const [a, b] = await Promise.all([
      t.app.get(FollowUpRemindersService).run(),
      second.get(FollowUpRemindersService).run(),
    ]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    await second.get(MailOutboxService).run();
    const mail = (await smtp.parsed()).find((m) => m.to.includes(kanto.user.email));
    expect(mail).toBeDefined();
    expect(mail!.subject).toContain('フォローアップ期日');
    expect(mail!.text).toContain(`/cases/${created.body.id}`);
  });

  it('runs the scan through the queue, and admins see the queues', async () => {
    const id = await overdueEmailCase('キュー経由の期限切れ');
    const breached = async () => {
      const [row] = await t.db.query<{ at: Date | null }[]>(
        `SELECT first_response_breached_at AS at FROM "case" WHERE id = $1`,
        [id],
      );
      return row?.at ?? null;
    };
    // Either instance may take the job: wait for a run to finish on one of them, no polling.
    // A scheduled run may end first without this case (it began before the case was overdue),
    // so wait for runs until one has marked it.
    const nextRun = () =>
      Promise.race([
        t.app.get(JobsService).nextRun(QUEUES.slaBreachScan),
        second.get(JobsService).nextRun(QUEUES.slaBreachScan),
      ]);
    let ran = nextRun();
    await t.app.get(JobsService).trigger(QUEUES.slaBreachScan);
    for (;;) {
      await ran;
      ran = nextRun();
      if (await breached()) {
        break;
      }
    }
    const admin = await signInAs(t, 'admin');
    const status = await admin.get('/api/jobs').expect(200);
    expect(status.body).toMatchObject({ running: true, failed: [] });
    expect(status.body.queues).toContain('sla-breach-scan');
    await operator.get('/api/jobs').expect(403);
  });
});
