/**
 * The time as the application's business decisions see it ("is this session in the past?",
 * "how long must this sign-in wait?"). Injected instead of calling `new Date()` so that tests
 * can step time forward instead of sleeping; where PostgreSQL's own `now()` is the source of
 * truth (claims, deadlines compared in one statement), statements keep using it.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The host's clock: what every running instance uses. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
