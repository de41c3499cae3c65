import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { finished, type Readable } from 'node:stream';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { AppError } from '../common/errors/app-error';
import { Draining } from '../common/lifecycle/draining';
import { StaffLoad } from '../common/lifecycle/staff-load';
import { noteDataAsOf } from '../common/http/data-as-of';
import { SETTINGS, type Settings } from '../config/settings';
import { GuardedClient, type GuardedClientConfig } from './guarded-client';
import { ReportReader } from './report-reader';

// What a refused download is told: an export of a few hundred thousand rows takes tens of seconds.
const RETRY_AFTER_SECONDS = 15;

/**
 * Long reads stay out of the way of everyone else's work. Each download takes a place: at most
 * EXPORT_CONCURRENCY at once on this instance and EXPORT_PER_USER per person, beyond which the
 * request answers 429 EXPORT_LIMIT_REACHED at once instead of queueing. Streamed exports read
 * through their own pool (sized to the same limit, on REPORTS_DATABASE_URL when a replica is
 * configured), so a burst of exports can never hold the connections staff reads and intake need.
 */
@Injectable()
export class ExportGate implements OnApplicationShutdown {
  private readonly logger = new Logger(ExportGate.name);
  private readonly byUser = new Map<string, number>();
  private total = 0;
  private replicaPool: Pool | null = null;
  private primaryPool: Pool | null = null;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly draining: Draining,
    private readonly reader: ReportReader,
    private readonly staffLoad: StaffLoad,
  ) {}

  /**
   * Takes a place for the user (or refuses with 429 before `start` runs), opens the download with
   * `start` (audit it, open its stream) and holds the place until that stream ends however it
   * ends; if `start` fails, the place is given back at once.
   */
  async open(userId: string, start: () => Promise<Readable>): Promise<Readable> {
    const release = this.admit(userId);
    try {
      const stream = await start();
      // While it streams, this request is not one the exports step aside for (StaffLoad).
      const streaming = this.staffLoad.download();
      finished(stream, () => {
        streaming();
        release();
      });
      this.draining.track(stream);
      return stream;
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Takes a place or refuses with 429; returns the function that gives it back (once). */
  private admit(userId: string): () => void {
    const { concurrency, perUser } = this.settings.exports;
    const mine = this.byUser.get(userId) ?? 0;
    if (mine >= perUser || this.total >= concurrency) {
      const own = mine >= perUser;
      throw new AppError(
        'EXPORT_LIMIT_REACHED',
        own
          ? `You already have ${mine} downloads running; wait for one to finish.`
          : 'Too many downloads are running; try again shortly.',
        undefined,
        { retryAfterSeconds: RETRY_AFTER_SECONDS, limit: own ? perUser : concurrency },
      );
    }
    this.byUser.set(userId, mine + 1);
    this.total += 1;
    let released = false;
    const release = (): void => {
      if (released) {
        return;
      }
      released = true;
      this.total -= 1;
      const left = (this.byUser.get(userId) ?? 1) - 1;
      if (left > 0) {
        this.byUser.set(userId, left);
      } else {
        this.byUser.delete(userId);
      }
    };
    return release;
  }

  /**
   * A connection of the export pool, for a cursor that may run for minutes: on the replica when
   * one is configured, answers and is no more than REPORTS_MAX_LAG_SECONDS behind, else on the
   * primary (ReportReader decides). The request's `X-Data-As-Of` says which instant it reflects.
   */
  async connect(): Promise<PoolClient> {
    const { replicaUrl, primaryUrl } = this.settings.reports;
    const freshness = await this.reader.freshness();
    noteDataAsOf(freshness.asOf);
    if (replicaUrl && freshness.read === 'replica') {
      this.replicaPool ??= this.createPool(replicaUrl);
      return this.replicaPool.connect();
    }
    this.primaryPool ??= this.createPool(primaryUrl);
    return this.primaryPool.connect();
  }

  private createPool(connectionString: string): Pool {
    const options: PoolConfig & GuardedClientConfig = {
      Client: GuardedClient,
      preparedStatements: this.settings.pool.preparedStatements,
      connectionString,
      max: this.settings.exports.concurrency,
      connectionTimeoutMillis: this.settings.pool.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      application_name: 'madoguchi-export',
      options: '-c timezone=UTC',
    };
    const pool = new Pool(options);
    // An idle connection dropped by the server must not crash the process.
    pool.on('error', (error) => this.logger.warn(`export pool: ${error.message}`));
    return pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.replicaPool?.end(), this.primaryPool?.end()]);
  }
}
