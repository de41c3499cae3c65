import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { AppError } from '../../common/errors/app-error';
import { SETTINGS, type Settings } from '../../config/settings';
import { LoginAttemptsRepository } from './login-attempts.repository';

export type LoginOutcome =
  'ok' | 'bad_credentials' | 'inactive' | 'totp_missing' | 'totp_invalid' | 'throttled';

/**
 * Counts recent failed sign-ins per account and per client address in PostgreSQL,
 * so the limit holds across API instances. Every attempt is recorded.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly attempts: LoginAttemptsRepository,
    private readonly clock: Clock,
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
    const now = this.clock.now();
    const row = await this.attempts.history(email, ip, now, windowMinutes, maxFailuresPerIp);
    const delay = accountDelaySeconds(row.failures, maxFailuresPerAccount, maxDelaySeconds);
    const until = [
      row.lastFailure && delay > 0 ? row.lastFailure.getTime() + delay * 1000 : 0,
      row.ipUntil?.getTime() ?? 0,
    ];
    // The same clock stamped the attempts (see LoginAttemptsRepository), so the wait is exact.
    const wait = Math.max(...until) - now.getTime();
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
    await this.attempts.record(email, ip, outcome === 'ok', outcome, this.clock.now());
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
