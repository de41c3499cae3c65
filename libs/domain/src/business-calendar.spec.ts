import {
  addBusinessDays,
  addBusinessHours,
  addMonthsClamped,
  type BusinessCalendar,
  businessHoursBetween,
  closureReason,
  DEFAULT_CALENDAR,
  holidaySourceFromDates,
  isBusinessDay,
  makeCalendar,
  nextBusinessDayOnOrAfter,
  nextOpening,
  PACKAGED_HOLIDAYS,
  pausedAwareDue,
  resolutionDueAt,
  resolutionDueDate,
  slaDueAt,
  tokyoDate,
  tokyoDateTimeText,
  tokyoDateTime,
} from './business-calendar';

/** An instant written the way desks say it: a Tokyo wall-clock time. */
const jst = (s: string): Date => new Date(`${s}+09:00`);
/** The Tokyo wall-clock time of an instant, to the minute. */
const wall = (d: Date | null): string =>
  d === null
    ? 'null'
    : new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** A small seeded PRNG (mulberry32), so the property checks are random but reproducible. */
const prng = (seed: number) => (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};

const DESK_10_16 = makeCalendar({
  openTime: '10:00',
  closeTime: '16:00',
  extraClosures: ['2026-11-25'],
});

describe('holiday data', () => {
  it('has the 2026 national rest day (国民の休日), Sept 22, from the package', () => {
    expect(PACKAGED_HOLIDAYS.isHoliday('2026-09-21')).toBe(true);
    expect(PACKAGED_HOLIDAYS.isHoliday('2026-09-22')).toBe(true);
    expect(PACKAGED_HOLIDAYS.isHoliday('2026-09-23')).toBe(true);
    expect(PACKAGED_HOLIDAYS.isHoliday('2026-09-24')).toBe(false);
  });

  it('has substitute holidays (振替休日) from the package', () => {
    expect(PACKAGED_HOLIDAYS.isHoliday('2026-05-06')).toBe(true);
    expect(PACKAGED_HOLIDAYS.isHoliday('2027-03-22')).toBe(true);
    expect(PACKAGED_HOLIDAYS.isHoliday('2026-05-07')).toBe(false);
  });

  it('can be swapped for a refreshed list of dates', () => {
    // A holiday announced after the package release (as the 2019 enthronement day was).
    const refreshed = makeCalendar({ holidays: holidaySourceFromDates(['2026-06-15']) });
    expect(closureReason('2026-06-15', refreshed)).toBe('holiday');
    expect(closureReason('2026-06-15')).toBeNull();
    expect(wall(addBusinessHours(jst('2026-06-12T16:00'), 2, refreshed))).toBe('2026-06-16 10:00');
    expect(wall(addBusinessHours(jst('2026-06-12T16:00'), 2))).toBe('2026-06-15 10:00');
    expect(() => holidaySourceFromDates(['2026-6-15'])).toThrow(RangeError);
  });
});

describe('closed stretches, to the minute', () => {
  it('closes the year-end break, Dec 29 to Jan 3, whatever the weekday', () => {
    for (const day of ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01']) {
      expect(closureReason(day)).toBe('year_end');
    }
    expect(closureReason('2027-01-02')).toBe('weekend');
    expect(closureReason('2027-01-03')).toBe('weekend');
    expect(closureReason('2025-01-03')).toBe('year_end'); // a Friday
    expect(isBusinessDay('2026-12-28')).toBe(true);
    // Mon 2026-12-28 16:00 + 2 business hours: 1 hour on Dec 28, the next on Mon Jan 4.
    expect(wall(addBusinessHours(jst('2026-12-28T16:00'), 2))).toBe('2027-01-04 10:00');
    expect(wall(nextOpening(jst('2026-12-30T11:00')))).toBe('2027-01-04 09:00');
  });

  it('opens on Monday 2027-01-04, the first business day after the break', () => {
    expect(new Date('2027-01-04T00:00:00Z').getUTCDay()).toBe(1);
    expect(closureReason('2027-01-04')).toBeNull();
  });

  it('closes Golden Week 2026: Apr 29, May 4, May 5 and the May 6 substitute holiday', () => {
    expect(closureReason('2026-04-29')).toBe('holiday'); // Showa Day (Wed)
    expect(isBusinessDay('2026-04-30')).toBe(true);
    expect(isBusinessDay('2026-05-01')).toBe(true);
    expect(closureReason('2026-05-02')).toBe('weekend');
    expect(closureReason('2026-05-03')).toBe('weekend'); // Constitution Day on a Sunday
    expect(closureReason('2026-05-04')).toBe('holiday'); // Greenery Day
    expect(closureReason('2026-05-05')).toBe('holiday'); // Children's Day
    expect(closureReason('2026-05-06')).toBe('holiday'); // substitute for Sunday May 3
    expect(isBusinessDay('2026-05-07')).toBe(true);
    expect(wall(addBusinessHours(jst('2026-04-28T16:00'), 2))).toBe('2026-04-30 10:00');
    expect(wall(addBusinessHours(jst('2026-05-01T16:30'), 8))).toBe('2026-05-07 16:30');
  });

  it('closes the 2026 Silver Week: Sept 21, the Sept 22 national rest day and Sept 23', () => {
    expect(closureReason('2026-09-21')).toBe('holiday'); // Respect for the Aged Day
    expect(closureReason('2026-09-22')).toBe('holiday'); // 国民の休日, between two holidays
    expect(closureReason('2026-09-23')).toBe('holiday'); // Autumnal Equinox Day
    expect(isBusinessDay('2026-09-24')).toBe(true);
    // Fri Sept 18 15:00 + 4 hours: 2 on Friday, then nothing until Thursday.
    expect(wall(addBusinessHours(jst('2026-09-18T15:00'), 4))).toBe('2026-09-24 11:00');
    expect(wall(nextOpening(jst('2026-09-22T10:00')))).toBe('2026-09-24 09:00');
  });

  it('closes a substitute holiday: Monday 2027-03-22 after the Sunday equinox', () => {
    expect(closureReason('2027-03-21')).toBe('weekend');
    expect(closureReason('2027-03-22')).toBe('holiday');
    expect(wall(addBusinessHours(jst('2027-03-19T16:00'), 2))).toBe('2027-03-23 10:00');
  });
});

describe(isBusinessDay.name, () => {
  it('reads a Date as its Tokyo day, not the server’s', () => {
    // 2026-11-22 23:30 UTC is Monday Nov 23 in Tokyo: Labour Thanksgiving Day.
    expect(isBusinessDay(new Date('2026-11-22T23:30:00Z'))).toBe(false);
    expect(isBusinessDay(new Date('2026-11-23T23:30:00Z'))).toBe(true);
  });

  it('accepts a hand-built calendar with closures as an array and no holiday source', () => {
    const cal: BusinessCalendar = {
      openMinute: 540,
      closeMinute: 1020,
      extraClosures: ['2026-12-25'],
    };
    expect(closureReason('2026-12-25', cal)).toBe('desk_closure');
    expect(closureReason('2026-11-23', cal)).toBe('holiday');
    expect(closureReason('2026-12-24', cal)).toBeNull();
  });

  it('refuses a string that is not a real date', () => {
    expect(() => isBusinessDay('2026-02-30')).toThrow(RangeError);
    expect(() => isBusinessDay('2026/11/24')).toThrow(RangeError);
  });
});

describe(nextOpening.name, () => {
  it('starts an arrival before 9:00 at 9:00 the same day', () => {
    expect(wall(nextOpening(jst('2026-11-24T07:45')))).toBe('2026-11-24 09:00');
  });

  it('starts an arrival after 17:00 at 9:00 the next business day', () => {
    expect(wall(nextOpening(jst('2026-11-24T17:20')))).toBe('2026-11-25 09:00');
    expect(wall(nextOpening(jst('2026-11-27T18:00')))).toBe('2026-11-30 09:00'); // Fri → Mon
  });

  it('keeps an instant within opening hours, seconds included', () => {
    expect(nextOpening(jst('2026-11-24T13:07:42')).toISOString()).toBe('2026-11-24T04:07:42.000Z');
  });

  it('treats 17:00 itself as closed', () => {
    expect(wall(nextOpening(jst('2026-11-24T17:00')))).toBe('2026-11-25 09:00');
    expect(wall(nextOpening(jst('2026-11-24T16:59')))).toBe('2026-11-24 16:59');
  });
});

describe(addBusinessHours.name, () => {
  it('dates an email of 2026-12-28 16:30 + 8 business hours to 2027-01-04 16:30', () => {
    // 30 minutes on Dec 28, Dec 29 – Jan 3 closed, 7.5 hours on Monday Jan 4.
    expect(wall(addBusinessHours(jst('2026-12-28T16:30'), 8))).toBe('2027-01-04 16:30');
  });

  it('counts an arrival after 17:00 from 9:00 the next business morning', () => {
    expect(wall(addBusinessHours(jst('2026-11-24T18:15'), 2))).toBe('2026-11-25 11:00');
    expect(wall(addBusinessHours(jst('2026-11-27T17:30'), 1))).toBe('2026-11-30 10:00');
  });

  it('counts an arrival before 9:00 from 9:00 the same day', () => {
    expect(wall(addBusinessHours(jst('2026-11-24T06:00'), 3.5))).toBe('2026-11-24 12:30');
  });

  it('counts a weekend arrival from Monday 9:00', () => {
    expect(wall(addBusinessHours(jst('2026-11-28T11:00'), 1))).toBe('2026-11-30 10:00');
    expect(wall(addBusinessHours(jst('2026-11-29T23:59'), 8))).toBe('2026-11-30 17:00');
  });

  it('keeps a due time that lands exactly on closing at 17:00, not 9:00 the next day', () => {
    expect(wall(addBusinessHours(jst('2026-11-24T09:00'), 8))).toBe('2026-11-24 17:00');
    expect(wall(addBusinessHours(jst('2026-11-24T18:15'), 8))).toBe('2026-11-25 17:00');
  });

  it('gives the next opening for 0 hours', () => {
    expect(wall(addBusinessHours(jst('2026-11-24T17:00'), 0))).toBe('2026-11-25 09:00');
    expect(wall(addBusinessHours(jst('2026-11-24T10:10'), 0))).toBe('2026-11-24 10:10');
  });

  it('rounds fractional hours to whole minutes', () => {
    expect(wall(addBusinessHours(jst('2026-11-24T10:00'), 0.2))).toBe('2026-11-24 10:12');
    expect(wall(addBusinessHours(jst('2026-11-24T10:00'), 1 / 60))).toBe('2026-11-24 10:01');
  });

  it('never spills seconds past closing', () => {
    // 30 seconds left on Tuesday, the other 30 on Wednesday morning.
    expect(addBusinessHours(jst('2026-11-24T16:59:30'), 1 / 60).toISOString()).toBe(
      '2026-11-25T00:00:30.000Z',
    );
  });

  it('refuses negative or non-finite hours', () => {
    expect(() => addBusinessHours(jst('2026-11-24T10:00'), -1)).toThrow(RangeError);
    expect(() => addBusinessHours(jst('2026-11-24T10:00'), Number.NaN)).toThrow(RangeError);
    expect(() => addBusinessHours(jst('2026-11-24T10:00'), Infinity)).toThrow(RangeError);
  });
});

describe('desk calendars', () => {
  it('follows custom desk hours, 10:00–16:00', () => {
    const desk = makeCalendar({ openTime: '10:00', closeTime: '16:00' });
    expect(wall(nextOpening(jst('2026-11-24T09:30'), desk))).toBe('2026-11-24 10:00');
    expect(wall(nextOpening(jst('2026-11-24T16:00'), desk))).toBe('2026-11-25 10:00');
    expect(wall(addBusinessHours(jst('2026-11-24T15:30'), 1, desk))).toBe('2026-11-25 10:30');
    expect(wall(addBusinessHours(jst('2026-11-24T08:00'), 6, desk))).toBe('2026-11-24 16:00');
    expect(businessHoursBetween(jst('2026-11-24T09:00'), jst('2026-11-24T17:00'), desk)).toBe(6);
  });

  it('closes a desk’s extra closures, for that desk only', () => {
    expect(closureReason('2026-11-25', DESK_10_16)).toBe('desk_closure');
    expect(closureReason('2026-11-25')).toBeNull();
    // 2 hours Tuesday (14–16), Wednesday closed, 4 hours Thursday from 10:00.
    expect(wall(addBusinessHours(jst('2026-11-24T14:00'), 6, DESK_10_16))).toBe('2026-11-26 14:00');
    expect(wall(addBusinessHours(jst('2026-11-24T14:00'), 6))).toBe('2026-11-25 12:00');
  });

  it('refuses bad desk settings', () => {
    expect(() => makeCalendar({ openTime: '17:00', closeTime: '09:00' })).toThrow(RangeError);
    expect(() => makeCalendar({ openTime: '09:00', closeTime: '09:00' })).toThrow(RangeError);
    expect(() => makeCalendar({ openTime: '9am' })).toThrow(RangeError);
    expect(() => makeCalendar({ closeTime: '24:00' })).toThrow(RangeError);
    expect(() => makeCalendar({ extraClosures: ['12/25'] })).toThrow(RangeError);
    expect(() => makeCalendar({ extraClosures: ['2026-02-30'] })).toThrow(RangeError);
  });

  it('refuses a hand-built calendar whose hours are inverted', () => {
    const broken: BusinessCalendar = { openMinute: 1020, closeMinute: 540, extraClosures: [] };
    expect(() => addBusinessHours(jst('2026-11-24T10:00'), 1, broken)).toThrow(RangeError);
    expect(() =>
      businessHoursBetween(jst('2026-11-24T10:00'), jst('2026-11-25T10:00'), broken),
    ).toThrow(RangeError);
  });
});

describe(businessHoursBetween.name, () => {
  it('counts only open hours across a weekend and a holiday', () => {
    // Fri 16:00 → Tue 10:00 over the weekend and Labour Thanksgiving Day (Mon Nov 23).
    expect(businessHoursBetween(jst('2026-11-20T16:00'), jst('2026-11-24T10:00'))).toBe(2);
  });

  it('counts only open hours across Golden Week', () => {
    // Apr 28 1h, Apr 30 8h, May 1 8h, May 7 1h.
    expect(businessHoursBetween(jst('2026-04-28T16:00'), jst('2026-05-07T10:00'))).toBe(18);
  });

  it('is 0 when the end is not after the start, or both are outside hours', () => {
    expect(businessHoursBetween(jst('2026-11-24T10:00'), jst('2026-11-24T10:00'))).toBe(0);
    expect(businessHoursBetween(jst('2026-11-24T10:00'), jst('2026-11-24T09:00'))).toBe(0);
    expect(businessHoursBetween(jst('2026-11-24T17:30'), jst('2026-11-25T08:59'))).toBe(0);
  });

  it('works to the minute', () => {
    expect(businessHoursBetween(jst('2026-11-24T16:45'), jst('2026-11-25T09:10'))).toBe(25 / 60);
    expect(businessHoursBetween(jst('2026-11-24T10:00'), jst('2026-11-24T10:00:40'))).toBe(1 / 60);
    expect(businessHoursBetween(jst('2026-11-24T10:00'), jst('2026-11-24T10:00:20'))).toBe(0);
  });
});

describe(addBusinessDays.name, () => {
  it('does not count the start day: +1 from Friday is Monday', () => {
    expect(addBusinessDays('2026-11-27', 1)).toBe('2026-11-30');
    expect(addBusinessDays('2026-11-28', 1)).toBe('2026-11-30'); // from a Saturday too
  });

  it('counts a Date from its Tokyo date, whatever the time', () => {
    expect(addBusinessDays(jst('2026-11-27T18:30'), 1)).toBe('2026-11-30');
    // Thursday 15:30 UTC is already Friday 00:30 in Tokyo.
    expect(addBusinessDays(new Date('2026-11-26T15:30:00Z'), 1)).toBe('2026-11-30');
  });

  it('crosses Golden Week', () => {
    expect(addBusinessDays('2026-04-28', 1)).toBe('2026-04-30');
    expect(addBusinessDays('2026-04-28', 3)).toBe('2026-05-07');
    expect(addBusinessDays('2026-05-01', 1)).toBe('2026-05-07');
  });

  it('crosses the year-end break and Coming of Age Day', () => {
    // Jan 4–8 are days 1–5, Jan 11 2027 is Coming of Age Day.
    expect(addBusinessDays('2026-12-28', 6)).toBe('2027-01-12');
  });

  it('moves a closed day to the next business day for 0 days', () => {
    expect(addBusinessDays('2026-12-30', 0)).toBe('2027-01-04');
    expect(addBusinessDays('2026-11-24', 0)).toBe('2026-11-24');
  });

  it('refuses negative or fractional days', () => {
    expect(() => addBusinessDays('2026-11-24', -1)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-11-24', 1.5)).toThrow(RangeError);
  });
});

describe(nextBusinessDayOnOrAfter.name, () => {
  it('moves a scheduled date off closures and keeps a business day', () => {
    expect(nextBusinessDayOnOrAfter('2026-05-03')).toBe('2026-05-07');
    expect(nextBusinessDayOnOrAfter('2026-09-19')).toBe('2026-09-24');
    expect(nextBusinessDayOnOrAfter('2026-11-24')).toBe('2026-11-24');
  });

  it('gives up on a calendar that never opens', () => {
    const never = makeCalendar({ holidays: { isHoliday: () => true } });
    expect(() => nextBusinessDayOnOrAfter('2026-11-24', never)).toThrow(RangeError);
  });
});

describe(addMonthsClamped.name, () => {
  it('clamps to the end of shorter months and crosses years', () => {
    expect(addMonthsClamped('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonthsClamped('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonthsClamped('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('schedules an outcome check +3 months and then off a holiday', () => {
    // Last session Thu 2026-01-29; +3 months is Showa Day.
    expect(nextBusinessDayOnOrAfter(addMonthsClamped('2026-01-29', 3))).toBe('2026-04-30');
  });
});

describe('SLA helpers', () => {
  it('answers phone-like channels on contact and dates written ones', () => {
    expect(slaDueAt(jst('2026-11-24T10:00'), { firstResponseBusinessHours: null })).toBeNull();
    expect(wall(slaDueAt(jst('2026-11-24T10:00'), { firstResponseBusinessHours: 8 }))).toBe(
      '2026-11-25 10:00',
    );
  });

  it('puts the resolution target at closing time N business days after receipt', () => {
    expect(resolutionDueDate(jst('2026-12-28T16:30'), 20)).toBe('2027-02-01');
    expect(wall(resolutionDueAt(jst('2026-12-28T16:30'), 20))).toBe('2027-02-01 17:00');
    expect(wall(resolutionDueAt(jst('2026-11-24T11:00'), 1, DESK_10_16))).toBe('2026-11-26 16:00');
  });

  it('moves a due time on by the business hours spent paused', () => {
    const due = jst('2026-11-26T12:00');
    const moved = pausedAwareDue(due, [
      { from: jst('2026-11-24T15:00'), to: jst('2026-11-25T10:00') }, // 2 + 1 hours
    ]);
    expect(wall(moved)).toBe('2026-11-26 15:00');
    expect(pausedAwareDue(due, [])).toBe(due);
  });

  it('counts overlapping pauses once', () => {
    const moved = pausedAwareDue(jst('2026-11-26T12:00'), [
      { from: jst('2026-11-24T15:00'), to: jst('2026-11-24T16:00') },
      { from: jst('2026-11-24T15:30'), to: jst('2026-11-24T17:00') },
    ]);
    expect(wall(moved)).toBe('2026-11-26 14:00');
  });

  it('ignores a pause that starts once the due time has passed', () => {
    const due = jst('2026-11-26T12:00');
    const late = [{ from: jst('2026-11-26T13:00'), to: jst('2026-11-27T13:00') }];
    expect(wall(pausedAwareDue(due, late))).toBe('2026-11-26 12:00');
    // ...but counts one that starts before the due time as already moved by earlier pauses.
    const chained = [
      { from: jst('2026-11-25T09:00'), to: jst('2026-11-25T12:00') }, // 3h: due → 15:00
      { from: jst('2026-11-26T13:00'), to: jst('2026-11-26T14:00') }, // 1h: due → 16:00
    ];
    expect(wall(pausedAwareDue(due, chained))).toBe('2026-11-26 16:00');
  });

  it('counts a running pause up to now', () => {
    const moved = pausedAwareDue(
      jst('2026-11-26T12:00'),
      [{ from: jst('2026-11-26T10:00'), to: null }],
      DEFAULT_CALENDAR,
      jst('2026-11-26T16:00'),
    );
    // 2 hours were left at 10:00; the clock restarts at 16:00: 1 hour Thursday, 1 Friday.
    expect(wall(moved)).toBe('2026-11-27 10:00');
  });
});

describe('Tokyo dates', () => {
  it('converts between instants and Tokyo dates and times', () => {
    expect(tokyoDate(new Date('2026-11-22T14:59:59Z'))).toBe('2026-11-22');
    expect(tokyoDate(new Date('2026-11-22T15:00:00Z'))).toBe('2026-11-23');
    expect(tokyoDateTime('2026-11-23', '09:30').toISOString()).toBe('2026-11-23T00:30:00.000Z');
    expect(tokyoDateTimeText(new Date('2026-11-22T15:04:59Z'))).toBe('2026-11-23 00:04');
  });

  it('refuses malformed dates and times', () => {
    expect(() => tokyoDateTime('2026-11-23', '9:30')).toThrow(RangeError);
    expect(() => tokyoDateTime('2026-02-30', '09:30')).toThrow(RangeError);
  });
});

describe('properties over random instants', () => {
  const calendars: [string, BusinessCalendar][] = [
    ['default desk', DEFAULT_CALENDAR],
    ['10:00–16:00 desk with a closure', DESK_10_16],
  ];
  const base = jst('2026-01-01T00:00').getTime();
  /** Random instants over 2026–2027, to the second, so they start at any time of any day. */
  const instants = (seed: number, n: number): Date[] => {
    const random = prng(seed);
    return Array.from(
      { length: n },
      () => new Date(base + Math.floor(random() * 730 * 86_400) * 1000),
    );
  };

  it.each(calendars)(
    'businessHoursBetween undoes addBusinessHours from nextOpening (%s)',
    (_name, cal) => {
      const random = prng(7);
      for (const start of instants(42, 400)) {
        const hours = Math.floor(random() * 240) / 4; // 0 to 59.75, in quarter hours
        const due = addBusinessHours(start, hours, cal);
        expect(businessHoursBetween(nextOpening(start, cal), due, cal)).toBe(hours);
        expect(businessHoursBetween(start, due, cal)).toBe(hours);
      }
    },
  );

  it.each(calendars)(
    'addBusinessHours lands within open hours on a business day, closing included (%s)',
    (_name, cal) => {
      const random = prng(11);
      for (const start of instants(43, 400)) {
        const due = addBusinessHours(start, 0.25 + Math.floor(random() * 160) / 4, cal);
        const minute = Math.floor(((due.getTime() + 9 * 3600_000) % 86_400_000) / 60_000);
        expect(isBusinessDay(due, cal)).toBe(true);
        expect(minute).toBeGreaterThan(cal.openMinute);
        expect(minute).toBeLessThanOrEqual(cal.closeMinute);
      }
    },
  );

  it('adds hours in two steps the same as at once', () => {
    const random = prng(13);
    for (const start of instants(44, 400)) {
      const a = Math.floor(random() * 80) / 4;
      const b = 0.25 + Math.floor(random() * 80) / 4;
      expect(addBusinessHours(addBusinessHours(start, a), b).toISOString()).toBe(
        addBusinessHours(start, a + b).toISOString(),
      );
    }
  });

  it('addBusinessDays lands on a business day exactly n business days later', () => {
    const random = prng(17);
    for (const start of instants(45, 200)) {
      const n = 1 + Math.floor(random() * 30);
      const due = addBusinessDays(start, n);
      expect(isBusinessDay(due)).toBe(true);
      let counted = 0;
      for (let d = tokyoDate(start); d < due;) {
        d = tokyoDate(new Date(Date.parse(`${d}T12:00:00+09:00`) + 86_400_000));
        counted += isBusinessDay(d) ? 1 : 0;
      }
      expect(counted).toBe(n);
    }
  });
});
