import { Clock } from '../../src/common/clock/clock';

/**
 * A clock the test steps forward (`advance`) instead of waiting real seconds. It starts at the
 * real time, so what the database stamps with its own `now()` still lines up with it.
 */
export class ManualClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
