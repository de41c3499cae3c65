import { DAY_MS, tokyoDay, tokyoIso, tokyoWeekStart } from './tokyo-week';

describe(tokyoWeekStart.name, () => {
  it('starts the week on Monday at midnight in Tokyo', () => {
    // Sunday 22 November 2026, 23:30 in Tokyo: still the week of Monday the 16th.
    const sundayNight = Date.parse('2026-11-22T23:30:00+09:00');
    expect(new Date(tokyoWeekStart(sundayNight)).toISOString()).toBe('2026-11-15T15:00:00.000Z');
    // Monday 00:10 in Tokyo is Sunday in UTC, yet already the new week.
    const mondayEarly = Date.parse('2026-11-23T00:10:00+09:00');
    expect(tokyoDay(tokyoWeekStart(mondayEarly))).toBe('2026-11-23');
  });

  it('moves by whole weeks', () => {
    const now = Date.parse('2026-11-25T12:00:00+09:00');
    expect(tokyoWeekStart(now, 1) - tokyoWeekStart(now)).toBe(7 * DAY_MS);
    expect(tokyoDay(tokyoWeekStart(now, -1))).toBe('2026-11-16');
  });
});

describe(tokyoDay.name, () => {
  it('gives the day as Tokyo sees it', () => {
    expect(tokyoDay('2026-11-22T15:05:00Z')).toBe('2026-11-23');
    expect(tokyoDay(Date.parse('2026-11-22T14:59:00Z'))).toBe('2026-11-22');
  });
});

describe(tokyoIso.name, () => {
  it('sends the wall-clock time with the +09:00 offset', () => {
    expect(tokyoIso('2026-12-01', '10:00')).toBe('2026-12-01T10:00:00+09:00');
    expect(Date.parse(tokyoIso('2026-12-01', '10:00'))).toBe(Date.parse('2026-12-01T01:00:00Z'));
  });
});
