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

  /**
   * Throws 429 LOGIN_THROTTLED with the seconds to wait. Per account the wait grows with the
   * failures since the last success (see {@link accountDelaySeconds}) and always ends soon, so an
   * attacker cannot lock the real user out; per client address (behind TRUST_PROXY, the address
   * the proxy saw) too many failures in the window block that address until they age out.
   */
  async assertAllowed(email: string, ip: string | null): Promise<void> {
    const { maxFailuresPerAccount, maxFailuresPerIp, windowMinutes, maxDelaySeconds } =
      this.settings.loginThrottle;
    const [row] = await this.dataSource.query<
      { failures: number; last_failure: Date | null; ip_until: Date | null; now: Date }[]
    >(
      `WITH window_start AS (SELECT now() - make_interval(mins => $3) AS t),
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
           ORDER BY at DESC OFFSET $4 - 1 LIMIT 1) AS ip_until,
         now() AS now`,
      [email, ip, windowMinutes, maxFailuresPerIp],
    );
    if (!row) {
      return;
    }
    const delay = accountDelaySeconds(row.failures, maxFailuresPerAccount, maxDelaySeconds);
    const until = [
      row.last_failure && delay > 0 ? row.last_failure.getTime() + delay * 1000 : 0,
      row.ip_until?.getTime() ?? 0,
    ];
    // The database's clock on both sides, so an API host's drift cannot shorten the wait.
    const wait = Math.max(...until) - row.now.getTime();
    if (wait > 0) {
      throw new AppError(
        'LOGIN_THROTTLED',
        'Too many failed sign-ins. Try again later.',
        undefined,
        { retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) },
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

/**
 * The wait before the next sign-in to an account: none for the first `free` failures, then one
 * second doubling with each further failure, capped at `maxSeconds`. A real user who mistyped is
 * never locked out for long; a guesser gets a few dozen tries an hour instead of thousands.
 */
export function accountDelaySeconds(failures: number, free: number, maxSeconds: number): number {
  if (failures < free) {
    return 0;
  }
  return Math.min(maxSeconds, 2 ** Math.min(30, failures - free));
}
