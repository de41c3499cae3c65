import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { SETTINGS, type Settings } from '../../config/settings';

export type LoginOutcome =
  'ok' | 'bad_credentials' | 'inactive' | 'totp_missing' | 'totp_invalid' | 'throttled';

/**
 * Counts recent failed sign-ins per account and per client address in PostgreSQL,
 * so the limit holds across API instances. Every attempt is recorded.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** Throws 429 LOGIN_THROTTLED with the seconds to wait when either limit is reached. */
  async assertAllowed(email: string, ip: string | null): Promise<void> {
    const { maxFailuresPerAccount, maxFailuresPerIp, windowMinutes } = this.settings.loginThrottle;
    // The n-th most recent failure inside the window decides when the next attempt is allowed.
    const [row] = await this.dataSource.query<
      { account_until: Date | null; ip_until: Date | null }[]
    >(
      `WITH window_start AS (SELECT now() - make_interval(mins => $3) AS t)
       SELECT
         (SELECT at + make_interval(mins => $3) FROM login_attempt, window_start
           WHERE email = $1 AND NOT succeeded AND reason <> 'throttled' AND at > window_start.t
           ORDER BY at DESC OFFSET $4 - 1 LIMIT 1) AS account_until,
         (SELECT at + make_interval(mins => $3) FROM login_attempt, window_start
           WHERE $2::inet IS NOT NULL AND ip = $2::inet AND NOT succeeded AND reason <> 'throttled'
             AND at > window_start.t
           ORDER BY at DESC OFFSET $5 - 1 LIMIT 1) AS ip_until`,
      [email, ip, windowMinutes, maxFailuresPerAccount, maxFailuresPerIp],
    );
    const until = [row?.account_until, row?.ip_until].filter((d): d is Date => d instanceof Date);
    if (until.length > 0) {
      const retryAfter = Math.max(
        1,
        Math.ceil((Math.max(...until.map((d) => d.getTime())) - Date.now()) / 1000),
      );
      throw new AppError(
        'LOGIN_THROTTLED',
        'Too many failed sign-ins. Try again later.',
        undefined,
        {
          retryAfterSeconds: retryAfter,
        },
      );
    }
  }

  async record(email: string, ip: string | null, outcome: LoginOutcome): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_attempt (email, ip, succeeded, reason) VALUES ($1, $2, $3, $4)`,
      [email, ip, outcome === 'ok', outcome],
    );
  }
}
