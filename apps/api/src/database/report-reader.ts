import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource } from 'typeorm';
import { noteDataAsOf } from '../common/http/data-as-of';
import { SETTINGS, type Settings } from '../config/settings';
import { dataSourceOptions } from './data-source-options';
import {
  type Freshness,
  PRIMARY_POSITION_SQL,
  REPLICA_STATUS_SQL,
  type ReplicaStatus,
  replicaFreshness,
} from './replica-freshness';

const REPLICA_RETRY_MS = 10_000;
// A streaming replica trails the primary by milliseconds, and WAL that is no transaction (a
// checkpoint record) can keep it a few bytes short of the position just read: give it this long
// to get there before taking it as behind.
const CATCH_UP_WAIT_MS = 250;
const CATCH_UP_POLL_MS = 25;

interface PositionRow {
  lsn: string;
  at: Date;
}

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
        const freshness = replicaFreshness(await this.replicaStatus(replica), maxLagSeconds);
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

  /**
   * The replica's state against the primary's WAL position, read first. Without the primary (it is
   * down) the replica cannot tell whether it is current, and answers as of its last replayed commit.
   */
  private async replicaStatus(replica: DataSource): Promise<ReplicaStatus> {
    const position = await this.primary
      .query<PositionRow[]>(PRIMARY_POSITION_SQL)
      .then(([row]) => row ?? null)
      .catch(() => null);
    const deadline = Date.now() + CATCH_UP_WAIT_MS;
    for (;;) {
      const [row] = await replica.query<StatusRow[]>(REPLICA_STATUS_SQL, [position?.lsn ?? null]);
      if (row!.caught_up !== false || Date.now() >= deadline) {
        return {
          inRecovery: row!.in_recovery,
          caughtUp: row!.caught_up,
          lastReplayAt: row!.last_replay_at,
          now: row!.now,
          primaryAt: position?.at ?? row!.now,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_POLL_MS));
    }
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
