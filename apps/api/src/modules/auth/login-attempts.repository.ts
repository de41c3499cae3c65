import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Row } from '../../database/rows';

/** What the throttle weighs for one sign-in: the account's failures and the address's block. */
export interface AttemptHistory {
  failures: number;
  lastFailure: Row<'login_attempt', 'at'>['at'] | null;
  ipUntil: Row<'login_attempt', 'at'>['at'] | null;
}

/**
 * login_attempt: every sign-in attempt, owned by auth. The time is a parameter (the injected
 * Clock's) on both sides, the stamp of an attempt and the window it is counted in, so the
 * instances agree with each other as far as their synchronised clocks do, and a test can step
 * the clock past a wait instead of sleeping through it.
 */
@Injectable()
export class LoginAttemptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async history(
    email: string,
    ip: string | null,
    now: Date,
    windowMinutes: number,
    maxFailuresPerIp: number,
  ): Promise<AttemptHistory> {
    const [row] = await this.dataSource.query<
      {
        failures: number;
        last_failure: AttemptHistory['lastFailure'];
        ip_until: AttemptHistory['ipUntil'];
      }[]
    >(
      `WITH window_start AS (SELECT $5::timestamptz - make_interval(mins => $3) AS t),
       since AS (
         SELECT greatest(window_start.t,
                         (SELECT max(at) FROM login_attempt WHERE email = $1 AND succeeded)) AS t
           FROM window_start)
       SELECT
         (SELECT count(*)::int FROM login_attempt, since
           WHERE email = $1 AND NOT succeeded AND reason <> 'throttled' AND at > since.t) AS failures,
         (SELECT max(at) FROM login_attempt, since
           WHERE email = $1 AND NOT succeeded AND reason <> 'throttled' AND at > since.t) AS last_failure,
         (SELECT at + make_interval(mins => $3) FROM login_attempt, window_start
           WHERE $2::inet IS NOT NULL AND ip = $2::inet AND NOT succeeded AND reason <> 'throttled'
             AND at > window_start.t
           ORDER BY at DESC OFFSET $4 - 1 LIMIT 1) AS ip_until`,
      [email, ip, windowMinutes, maxFailuresPerIp, now],
    );
    return {
      failures: row?.failures ?? 0,
      lastFailure: row?.last_failure ?? null,
      ipUntil: row?.ip_until ?? null,
    };
  }

  async record(
    email: string,
    ip: string | null,
    succeeded: boolean,
    reason: string,
    at: Date,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_attempt (email, ip, succeeded, reason, at) VALUES ($1, $2, $3, $4, $5)`,
      [email, ip, succeeded, reason, at],
    );
  }
}
