import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { SETTINGS, type Settings } from '../../config/settings';
import { DeskCalendarService } from '../desks/desk-calendar.service';
import { BusinessClock } from './business-clock';
import { RollupMaintenanceRepository } from './rollup-maintenance.repository';

const FILL_BATCH = 20_000;
const COMPACT_EVERY_MS = 60_000;
// Writes queue the cases they touched. Counted many at a time they cost less each (their deltas
// share keys); reports count the rest before they read, so the interval bounds that work only.
const APPLY_EVERY_MS = 5_000;
const APPLY_BATCH = 5_000;
// What a report applies before it reads: the few seconds of writes since the last background
// apply, at most this many batches. A longer queue (no instance runs jobs for a while, a bulk
// change) is left to the background, and the report says as of when its figures are complete.
const REPORT_APPLY_BATCHES = 4;

/**
 * Keeps the report roll-ups (migration ReportRollups) cheap to read:
 * - the business minutes to first response, which need the desks' calendars (code and data, not
 *   SQL), are computed here for answered cases that lack them and stored in
 *   report_first_response; its trigger moves the case into the SLA histogram. Done at start-up
 *   (the backfill after the migration) and before each SLA report (the few answered since).
 * - the cases that writes queued (migration ReportPendingCases) are counted into the roll-ups
 *   before every report reads them (`current`), and every 5 s where background jobs run
 *   (JOBS_ENABLED) so that the queue a report applies stays short.
 * - the roll-ups' delta rows are folded into one row per key every minute where background
 *   jobs run. Reads are right either way; compaction keeps them small.
 */
@Injectable()
export class RollupMaintenanceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RollupMaintenanceService.name);
  private timer: NodeJS.Timeout | null = null;
  private filling: Promise<number> | null = null;
  private applying: Promise<void> | null = null;
  private nextApply: Promise<void> | null = null;
  private applyTimer: NodeJS.Timeout | null = null;
  private draining = false;
  // Set while a report's work runs after its own `current` (withCurrent).
  private readonly counted = new AsyncLocalStorage<true>();
  /** Answered cases per batch of the first-response fill; tests lower it. */
  fillBatch = FILL_BATCH;
  /** Batches of the queue a report counts before it reads; tests lower it. */
  reportApplyBatches = REPORT_APPLY_BATCHES;

  constructor(
    private readonly repository: RollupMaintenanceRepository,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly calendars: DeskCalendarService,
  ) {}

  onApplicationBootstrap(): void {
    this.fillAtStart().catch((error: unknown) =>
      this.logger.error(`first-response minutes: ${String(error)}`),
    );
    if (this.settings.jobsEnabled) {
      this.timer = setInterval(() => {
        this.compact().catch((error: unknown) =>
          this.logger.error(`roll-up compaction: ${String(error)}`),
        );
      }, COMPACT_EVERY_MS);
      this.timer.unref();
      this.applyTimer = setInterval(() => {
        if (!this.draining) {
          this.draining = true;
          this.drainAll()
            .catch((error: unknown) => this.logger.error(`roll-up queue: ${String(error)}`))
            .finally(() => {
              this.draining = false;
            });
        }
      }, APPLY_EVERY_MS);
      this.applyTimer.unref();
    }
  }

  onApplicationShutdown(): void {
    for (const timer of [this.timer, this.applyTimer]) {
      if (timer) {
        clearInterval(timer);
      }
    }
    this.timer = null;
    this.applyTimer = null;
  }

  /**
   * The start-up fill, in the background. `npm start` builds the app before it migrates a new
   * database: without the roll-ups yet, the first SLA report fills instead.
   */
  private async fillAtStart(): Promise<void> {
    if (await this.repository.rollupsExist()) {
      const stored = await this.fillFirstResponseMinutes();
      if (stored > 0) {
        this.logger.log(`first-response minutes computed for ${stored} cases`);
      }
    }
  }

  /**
   * Brings the roll-ups up to every change committed before the call, unless more than
   * REPORT_APPLY_BATCHES batches are queued: reports call it before they read (`withCurrent`).
   * Callers arriving while an apply runs share the next one (the running apply may have taken
   * its queue before their changes committed).
   */
  current(): Promise<void> {
    if (this.counted.getStore()) {
      // Inside withCurrent: this request counted the queue before it read anything.
      return Promise.resolve();
    }
    if (!this.applying) {
      this.applying = this.drain(this.reportApplyBatches).finally(() => {
        this.applying = null;
      });
      return this.applying;
    }
    this.nextApply ??= this.applying
      .catch(() => undefined)
      .then(() => {
        this.nextApply = null;
        return this.current();
      });
    return this.nextApply;
  }

  /** What the roll-ups have yet to count: cases queued, and for how long the oldest has waited. */
  queue(): Promise<{ cases: number; oldestSeconds: number }> {
    return this.repository.queue();
  }

  /**
   * Runs a report's `work` after `current`, with the instant before which every committed change
   * is counted when some of the queue is left (its oldest entry's time; null when nothing is).
   * The report's services asking for `current` inside `work` do not count the queue again.
   */
  async withCurrent<T>(work: (behind: Date | null) => Promise<T>): Promise<T> {
    await this.current();
    const behind = await this.repository.oldestQueued();
    return this.counted.run(true, () => work(behind));
  }

  /** The whole queue (a long one: no instance ran jobs for a while, or a bulk change). */
  async drainAll(): Promise<void> {
    await this.drain(Number.POSITIVE_INFINITY);
  }

  /** Up to `batches` batches, or until the queue is empty. */
  private async drain(batches: number): Promise<void> {
    for (let i = 0; i < batches; i += 1) {
      if ((await this.repository.applyPending(APPLY_BATCH)) < APPLY_BATCH) {
        return;
      }
    }
  }

  /** Folds the roll-ups' deltas; a no-op while another instance does it. */
  async compact(): Promise<void> {
    await this.repository.compact();
  }

  /**
   * Computes the missing business minutes to first response; answers how many it stored. One
   * run at a time per process: a caller arriving during a run waits for it, then runs again
   * for what was answered meanwhile (cheap: an index probe when nothing is missing).
   */
  async fillFirstResponseMinutes(): Promise<number> {
    while (this.filling) {
      await this.filling.catch(() => undefined);
    }
    const run = this.fill();
    this.filling = run;
    try {
      return await run;
    } finally {
      this.filling = null;
    }
  }

  private async fill(): Promise<number> {
    // The answered cases are found in the roll-ups' state, which must include the latest answers.
    await this.drainAll();
    return this.fillMissing();
  }

  private async fillMissing(): Promise<number> {
    let stored = 0;
    // Bounded: a row that keeps failing to match its case cannot spin the loop forever.
    for (let batch = 0; batch < 1000; batch += 1) {
      const rows = await this.repository.missingFirstResponses(this.fillBatch);
      if (rows.length === 0) {
        return stored;
      }
      const byDesk = new Map<string, typeof rows>();
      for (const r of rows) {
        const list = byDesk.get(r.desk_id) ?? [];
        byDesk.set(r.desk_id, list);
        list.push(r);
      }
      const minutes = new Map<string, number>();
      for (const [deskId, list] of byDesk) {
        const clock = BusinessClock.covering(
          await this.calendars.calendarFor(deskId),
          list.flatMap((r) => [r.received, r.responded]),
        );
        for (const r of list) {
          minutes.set(r.id, clock.minutesBetween(r.received, r.responded));
        }
      }
      await this.repository.storeFirstResponseMinutes(
        rows.map((r) => ({
          caseId: r.id,
          deskId: r.desk_id,
          receivedAt: r.received_text,
          respondedAt: r.responded_text,
          minutes: minutes.get(r.id) ?? 0,
        })),
      );
      stored += rows.length;
      // The minutes stored queue their cases; counted, they leave the state's missing ones (the
      // next batch must not find the same cases again).
      await this.drainAll();
      if (rows.length < this.fillBatch) {
        return stored;
      }
    }
    return stored;
  }
}
