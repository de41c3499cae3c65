import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource } from 'typeorm';
import { noteDataAsOf } from '../common/http/data-as-of';
import { SETTINGS, type Settings } from '../config/settings';
import { dataSourceOptions } from './data-source-options';
import { type Freshness, REPLICA_STATUS_SQL, replicaFreshness } from './replica-freshness';

const REPLICA_RETRY_MS = 10_000;

interface StatusRow {
  in_recovery: boolean;
  caught_up: boolean | null;
  last_replay_at: Date | null;
  now: Date;
}

/**
 * Where reports read. With REPORTS_DATABASE_URL, on that replica as long as it is no more than
 * REPORTS_MAX_LAG_SECONDS behind; further behind, or unreachable, on the primary, so a report
 * always answers and is never staler than the bound. Every read notes the instant its data
 * reflects, which the report says (`asOf`, `X-Data-As-Of`).
 */
@Injectable()
export class ReportReader implements OnApplicationShutdown {
  private readonly logger = new Logger(ReportReader.name);
  private readonly chosen = new AsyncLocalStorage<DataSource>();
  private replica: Promise<DataSource> | null = null;
  private replicaDownUntil = 0;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** The database of the report running now (inside `read`); the primary elsewhere. */
  get db(): DataSource {
    return this.chosen.getStore() ?? this.primary;
  }

  /** Runs a report's reads on the database `freshness` chose, and says as of when. */
  async read<T>(work: () => Promise<T>): Promise<{ result: T; asOf: Date }> {
    const { freshness, db } = await this.choose();
    noteDataAsOf(freshness.asOf);
    return { result: await this.chosen.run(db, work), asOf: freshness.asOf };
  }

  /** Whether the replica may be read now, and as of when its data is. */
  async freshness(): Promise<Freshness> {
    return (await this.choose()).freshness;
  }

  private async choose(): Promise<{ freshness: Freshness; db: DataSource }> {
    const { replicaUrl, maxLagSeconds } = this.settings.reports;
    if (replicaUrl && Date.now() >= this.replicaDownUntil) {
      try {
        const replica = await this.replicaDataSource(replicaUrl);
        const [row] = await replica.query<StatusRow[]>(REPLICA_STATUS_SQL);
        const freshness = replicaFreshness(
          {
            inRecovery: row!.in_recovery,
            caughtUp: row!.caught_up,
            lastReplayAt: row!.last_replay_at,
            now: row!.now,
          },
          maxLagSeconds,
        );
        if (freshness.read === 'replica') {
          return { freshness, db: replica };
        }
        this.logger.warn(
          `reporting replica ${Math.round(freshness.lagSeconds)} s behind (over ${maxLagSeconds} s): reading the primary`,
        );
      } catch (error) {
        // A replica that does not answer may take DB_CONNECT_TIMEOUT_MS to say so: leave it be
        // for a while rather than make every report wait that long first.
        this.replicaDownUntil = Date.now() + REPLICA_RETRY_MS;
        this.logger.warn(`reporting replica unusable, reading the primary: ${String(error)}`);
      }
    }
    return { freshness: { read: 'primary', asOf: new Date(), lagSeconds: 0 }, db: this.primary };
  }

  private replicaDataSource(url: string): Promise<DataSource> {
    this.replica ??= new DataSource(
      dataSourceOptions({
        databaseUrl: url,
        pool: this.settings.pool,
        applicationName: 'madoguchi-reports',
      }),
    )
      .initialize()
      .catch((error: unknown) => {
        // Not reachable at first use: try again on the next report.
        this.replica = null;
        throw error;
      });
    return this.replica;
  }

  async onApplicationShutdown(): Promise<void> {
    const replica = await this.replica?.catch(() => null);
    await replica?.destroy();
  }
}
