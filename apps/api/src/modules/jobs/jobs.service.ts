import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventEmitter, once } from 'node:events';
import PgBoss from 'pg-boss';
import { SETTINGS, type Settings } from '../../config/settings';
import { AppError } from '../../common/errors/app-error';
import { SlaBreachScanService } from '../cases/sla-breach-scan.service';
import { FollowUpRemindersService } from '../follow-ups/follow-up-reminders.service';
import { MailPollerService } from '../mail/mail-poller.service';
import { MailRepliesService } from '../mail/mail-replies.service';
import { EventRemindersService } from '../events/event-reminders.service';
import { MailOutboxService } from '../notifications/mail-outbox.service';
import { SessionRemindersService } from '../sessions/session-reminders.service';
import { PseudonymizationService } from '../stewardship/pseudonymization.service';
import { SurveysService } from '../surveys/surveys.service';
import { JobsRepository } from './jobs.repository';

/** Queue names: pg-boss keeps schedules and history under them, so they never change. */
export const QUEUES = {
  slaBreachScan: 'sla-breach-scan',
  followUpReminders: 'follow-up-reminders',
  sessionReminders: 'session-reminders',
  mailOutbox: 'mail-outbox',
  satisfactionSurveys: 'satisfaction-surveys',
  mailPoll: 'mail-poll',
  mailReplies: 'mail-replies',
  pseudonymization: 'pseudonymization',
  eventReminders: 'event-reminders',
} as const;

interface JobDefinition {
  queue: string;
  /** Cron in Asia/Tokyo. pg-boss fires each tick once across all instances. */
  cron: string;
  run: () => Promise<unknown>;
}

export interface FailedJob {
  id: string;
  queue: string;
  retryCount: number;
  error: string;
  failedAt: string | null;
  createdAt: string;
}

/**
 * Background work on a PostgreSQL-backed queue (pg-boss): nothing to run beside the database.
 * Schedules fire once per tick whatever the number of instances; failures retry with
 * exponential backoff and stay visible to admins. pg-boss keeps its own tables in the
 * `pgboss` schema, which the migrator creates and upgrades as the owner (the API's runtime role
 * may not create schemas); a queue's first use makes its table through pg-boss's create_queue,
 * which runs as the owner.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private boss: PgBoss | null = null;
  private readonly jobs: JobDefinition[];
  /** Emits a queue's name each time this instance finishes (or fails) a run of it. */
  private readonly finished = new EventEmitter();

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly repository: JobsRepository,
    sla: SlaBreachScanService,
    followUps: FollowUpRemindersService,
    outbox: MailOutboxService,
    sessions: SessionRemindersService,
    surveys: SurveysService,
    mailPoller: MailPollerService,
    mailReplies: MailRepliesService,
    pseudonymization: PseudonymizationService,
    eventReminders: EventRemindersService,
  ) {
    // Only the schedule lives here; each owning module does the work on its own tables.
    this.jobs = [
      { queue: QUEUES.slaBreachScan, cron: '* * * * *', run: () => sla.run() },
      // Every morning before the desks open, and again at midday for what came due since.
      { queue: QUEUES.followUpReminders, cron: '30 8,12 * * *', run: () => followUps.run() },
      { queue: QUEUES.sessionReminders, cron: '0 15 * * *', run: () => sessions.run() },
      { queue: QUEUES.mailOutbox, cron: '* * * * *', run: () => outbox.run() },
      // Public event registrants, the day before: hourly from the morning, so a late
      // registration or a seat freed during the day is reminded too; each only once.
      { queue: QUEUES.eventReminders, cron: '0 9-20 * * *', run: () => eventReminders.run() },
      // Invitations go out after the configured delay; a 15-minute tick is precise enough.
      { queue: QUEUES.satisfactionSurveys, cron: '*/15 * * * *', run: () => surveys.run() },
      // Starts pollers for the mailboxes whose lease is free (new, or their instance died); the
      // pollers themselves run on between ticks, IDLE or polling every MAIL_POLL_SECONDS.
      { queue: QUEUES.mailPoll, cron: '* * * * *', run: () => mailPoller.run() },
      // Replies are sent when written; the tick sends the retries that came due.
      { queue: QUEUES.mailReplies, cron: '* * * * *', run: () => mailReplies.run() },
      // Nightly, when the desks are closed: personal data past its retention term.
      {
        queue: QUEUES.pseudonymization,
        cron: '30 2 * * *',
        run: () => pseudonymization.run('schedule', null),
      },
    ];
  }

  get running(): boolean {
    return this.boss !== null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.jobsEnabled) {
      return;
    }
    const boss = new PgBoss({
      connectionString: this.settings.databaseUrl,
      max: 2,
      // Cron ticks are checked often enough for a one-minute schedule.
      cronMonitorIntervalSeconds: 30,
      cronWorkerIntervalSeconds: 5,
    });
    boss.on('error', (error: Error & { code?: string }) =>
      // 57P01: the database is shutting down (Ctrl-C reaches an embedded PostgreSQL too).
      error.code === '57P01'
        ? this.logger.warn(`job queue: ${error.message}`)
        : this.logger.error(`job queue: ${error.message}`),
    );
    await boss.start();
    for (const job of this.jobs) {
      await boss.createQueue(job.queue, {
        name: job.queue,
        retryLimit: 5,
        retryDelay: 30,
        retryBackoff: true,
        expireInMinutes: 10,
        // One waiting run is enough: a scan that is already queued covers the next tick too.
        policy: 'short',
      });
      await boss.schedule(job.queue, job.cron, {}, { tz: 'Asia/Tokyo' });
      await boss.work(job.queue, { pollingIntervalSeconds: 2 }, async () => {
        try {
          await job.run();
        } finally {
          this.finished.emit(job.queue);
        }
      });
    }
    this.boss = boss;
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 });
  }

  /** Queues a run now (e.g. after an admin change); it runs on whichever instance is free. */
  async trigger(queue: string): Promise<string | null> {
    if (!this.boss) {
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        'Background jobs are not running on this instance.',
      );
    }
    return this.boss.send(queue, {});
  }

  /**
   * Settles when this instance next finishes a run of the queue, whoever queued it: what a test
   * awaits after `trigger` instead of polling the database for the run's effect.
   */
  async nextRun(queue: string): Promise<void> {
    await once(this.finished, queue);
  }

  /** Jobs per queue and state (created, retry, active, completed, failed…), for the metrics. */
  async queueStates(): Promise<{ queue: string; state: string; jobs: number }[]> {
    if (!this.boss) {
      return [];
    }
    return this.repository.queueStates();
  }

  async failed(limit = 100): Promise<FailedJob[]> {
    if (!this.boss) {
      return [];
    }
    const rows = await this.repository.failed(limit);
    return rows.map((r) => ({
      id: r.id,
      queue: r.name,
      retryCount: r.retry_count,
      error: JSON.stringify(r.output ?? null).slice(0, 2000),
      failedAt: r.completed_on?.toISOString() ?? null,
      createdAt: r.created_on.toISOString(),
    }));
  }

  async retry(queue: string, id: string): Promise<void> {
    if (!this.boss) {
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        'Background jobs are not running on this instance.',
      );
    }
    await this.boss.retry(queue, id);
  }

  get queues(): string[] {
    return this.jobs.map((j) => j.queue);
  }
}
