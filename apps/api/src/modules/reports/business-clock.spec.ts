import { businessHoursBetween, holidaySourceFromDates, makeCalendar } from '@madoguchi/domain';
import { BusinessClock } from './business-clock';

describe(BusinessClock.name, () => {
  const calendar = makeCalendar({
    openTime: '09:30',
    closeTime: '17:15',
    extraClosures: ['2026-05-08'],
    holidays: holidaySourceFromDates(['2026-05-04', '2026-05-05', '2026-05-06', '2027-01-11']),
  });

  it('answers exactly what libs/domain businessHoursBetween answers', () => {
    // Deterministic pseudo-random instants over eight months, across holidays and the year end.
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const start = Date.parse('2026-04-20T00:00:00+09:00');
    const span = 260 * 86_400_000;
    const pairs = Array.from({ length: 2000 }, () => {
      const a = start + Math.floor(next() * span);
      return [a, a + Math.floor(next() * next() * 20 * 86_400_000)] as const;
    });
    const clock = BusinessClock.covering(
      calendar,
      pairs.flatMap(([a, b]) => [a, b]),
    );
    for (const [a, b] of pairs) {
      expect(clock.hoursBetween(a, b)).toBe(
        businessHoursBetween(new Date(a), new Date(b), calendar),
      );
    }
  });

  it('counts a weekend email answered Monday morning from opening', () => {
    const clock = BusinessClock.covering(makeCalendar(), [
      Date.parse('2026-04-04T12:00:00+09:00'),
      Date.parse('2026-04-06T10:00:00+09:00'),
    ]);
    expect(
      clock.hoursBetween(
        Date.parse('2026-04-04T12:00:00+09:00'),
        Date.parse('2026-04-06T10:00:00+09:00'),
      ),
    ).toBe(1);
    expect(clock.hoursBetween(5, 5)).toBe(0);
  });
});
