import {
  addBusinessDays,
  addBusinessHours,
  addMonthsClamped,
  businessHoursBetween,
  closureReason,
  DEFAULT_CALENDAR,
  isBusinessDay,
  makeCalendar,
  nextBusinessDayOnOrAfter,
  nextOpening,
  pausedAwareDue,
  resolutionDueAt,
  slaDueAt,
  tokyoDate,
  tokyoDateTime,
} from './business-calendar';

/** An instant written the way desks say it: a Tokyo wall-clock time. */
const jst = (s: string): Date => new Date(`${s}+09:00`);
/** The Tokyo wall-clock time of an instant, to the minute. */
const wall = (d: Date): string =>
  new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('business calendar', () => {
  describe(isBusinessDay.name, () => {
    it('closes the year-end break, Dec 29 to Jan 3, whatever the weekday', () => {
      for (const day of ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']) {
        expect(isBusinessDay(day)).toBe(false);
      }
      expect(closureReason('2026-12-29')).toBe('year_end');
      expect(closureReason('2026-12-30')).toBe('year_end');
      expect(isBusinessDay('2026-12-28')).toBe(true);
      expect(isBusinessDay('2027-01-04')).toBe(true);
    });

    it('closes Golden Week 2026 with its substitute holiday', () => {
      expect(closureReason('2026-04-29')).toBe('holiday'); // Showa Day (Wed)
      expect(isBusinessDay('2026-04-30')).toBe(true);
      expect(isBusinessDay('2026-05-01')).toBe(true);
      expect(closureReason('2026-05-03')).toBe('weekend'); // Constitution Day on a Sunday
      expect(closureReason('2026-05-04')).toBe('holiday');
      expect(closureReason('2026-05-05')).toBe('holiday');
      // May 3 fell on a Sunday, so Wednesday May 6 is a substitute holiday (振替休日).
      expect(closureReason('2026-05-06')).toBe('holiday');
      expect(isBusinessDay('2026-05-07')).toBe(true);
    });

    it('closes the 2026 Silver Week, national rest day included', () => {
      expect(closureReason('2026-09-21')).toBe('holiday'); // Respect for the Aged Day
      // Sandwiched between two holidays: a national rest day (国民の休日).
      expect(closureReason('2026-09-22')).toBe('holiday');
      expect(closureReason('2026-09-23')).toBe('holiday'); // Autumnal Equinox Day
      expect(isBusinessDay('2026-09-24')).toBe(true);
    });

    it('closes a substitute holiday on its own: Monday 2027-03-22 after a Sunday equinox', () => {
      expect(closureReason('2027-03-21')).toBe('weekend');
      expect(closureReason('2027-03-22')).toBe('holiday');
    });

    it('reads a Date as its Tokyo day, not the server’s', () => {
      // 2026-11-22 23:30 UTC is Monday Nov 23 in Tokyo: Labour Thanksgiving Day.
      expect(isBusinessDay(new Date('2026-11-22T23:30:00Z'))).toBe(false);
      expect(isBusinessDay(new Date('2026-11-23T23:30:00Z'))).toBe(true);
    });

    it('closes a desk’s own extra closures, for that desk only', () => {
      const desk = makeCalendar({ extraClosures: ['2026-12-25'] });
      expect(closureReason('2026-12-25', desk)).toBe('desk_closure');
      expect(isBusinessDay('2026-12-25', DEFAULT_CALENDAR)).toBe(true);
    });
  });

  describe(nextOpening.name, () => {
    it('starts an arrival before 9:00 at 9:00 the same day', () => {
      expect(wall(nextOpening(jst('2026-11-24T07:45')))).toBe('2026-11-24 09:00');
    });

    it('starts an arrival after 17:00 at 9:00 the next business day', () => {
      expect(wall(nextOpening(jst('2026-11-24T17:20')))).toBe('2026-11-25 09:00');
      // Friday evening: Monday.
      expect(wall(nextOpening(jst('2026-11-27T18:00')))).toBe('2026-11-30 09:00');
    });

    it('keeps an instant within opening hours', () => {
      expect(wall(nextOpening(jst('2026-11-24T13:07')))).toBe('2026-11-24 13:07');
    });

    it('treats 17:00 itself as closed', () => {
      expect(wall(nextOpening(jst('2026-11-24T17:00')))).toBe('2026-11-25 09:00');
    });
  });

  describe(addBusinessHours.name, () => {
    it('dates an email of 2026-12-28 16:30 + 8 business hours to 2027-01-04 16:30', () => {
      expect(wall(addBusinessHours(jst('2026-12-28T16:30'), 8))).toBe('2027-01-04 16:30');
    });

    it('counts an arrival after 17:00 from the next morning', () => {
      expect(wall(addBusinessHours(jst('2026-11-24T18:15'), 8))).toBe('2026-11-25 17:00');
      expect(wall(addBusinessHours(jst('2026-11-24T18:15'), 2))).toBe('2026-11-25 11:00');
    });

    it('counts an arrival before 9:00 from 9:00', () => {
      expect(wall(addBusinessHours(jst('2026-11-24T06:00'), 3.5))).toBe('2026-11-24 12:30');
    });

    it('skips a weekend arrival to Monday', () => {
      expect(wall(addBusinessHours(jst('2026-11-28T11:00'), 1))).toBe('2026-11-30 10:00');
    });

    it('crosses Golden Week and the Silver Week', () => {
      expect(wall(addBusinessHours(jst('2026-05-01T16:30'), 8))).toBe('2026-05-07 16:30');
      expect(wall(addBusinessHours(jst('2026-09-18T15:00'), 4))).toBe('2026-09-24 11:00');
    });

    it('lands on 17:00 rather than 9:00 the next day', () => {
      expect(wall(addBusinessHours(jst('2026-11-24T09:00'), 8))).toBe('2026-11-24 17:00');
    });

    it('follows a desk’s own hours and closures', () => {
      const desk = makeCalendar({
        openTime: '10:00',
        closeTime: '16:00',
        extraClosures: ['2026-11-25'],
      });
      // 2 hours Tuesday (14–16), Wednesday closed, 4 hours Thursday from 10:00.
      expect(wall(addBusinessHours(jst('2026-11-24T14:00'), 6, desk))).toBe('2026-11-26 14:00');
    });

    it('refuses negative hours', () => {
      expect(() => addBusinessHours(jst('2026-11-24T10:00'), -1)).toThrow(RangeError);
    });
  });

  describe(businessHoursBetween.name, () => {
    it('counts only open hours across a weekend and a holiday', () => {
      // Fri 16:00 → Tue 10:00 over the weekend and Labour Thanksgiving Day (Mon Nov 23).
      expect(businessHoursBetween(jst('2026-11-20T16:00'), jst('2026-11-24T10:00'))).toBe(2);
    });

    it('is zero when the end is not after the start, or both are outside hours', () => {
      expect(businessHoursBetween(jst('2026-11-24T10:00'), jst('2026-11-24T09:00'))).toBe(0);
      expect(businessHoursBetween(jst('2026-11-24T17:30'), jst('2026-11-24T23:00'))).toBe(0);
    });

    it('undoes addBusinessHours for many random starts and spans', () => {
      let seed = 42;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const base = jst('2026-01-01T00:00').getTime();
      for (let i = 0; i < 500; i += 1) {
        const start = new Date(base + Math.floor(random() * 730 * 24 * 60) * 60_000);
        const hours = Math.floor(random() * 200) / 4;
        const due = addBusinessHours(start, hours);
        expect(businessHoursBetween(nextOpening(start), due)).toBeCloseTo(hours, 6);
      }
    });
  });

  describe(addBusinessDays.name, () => {
    it('does not count the start day: +1 from Friday is Monday', () => {
      expect(addBusinessDays('2026-11-27', 1)).toBe('2026-11-30');
    });

    it('crosses Golden Week', () => {
      expect(addBusinessDays('2026-04-28', 1)).toBe('2026-04-30');
      expect(addBusinessDays('2026-04-28', 3)).toBe('2026-05-07');
      expect(addBusinessDays('2026-05-01', 1)).toBe('2026-05-07');
    });

    it('crosses the year-end break and Coming of Age Day', () => {
      // Jan 11 2027 is Coming of Age Day.
      expect(addBusinessDays('2026-12-28', 6)).toBe('2027-01-12');
    });

    it('moves a closed day to the next business day for 0 days', () => {
      expect(addBusinessDays('2026-12-30', 0)).toBe('2027-01-04');
      expect(nextBusinessDayOnOrAfter('2026-11-24')).toBe('2026-11-24');
    });
  });

  describe(addMonthsClamped.name, () => {
    it('clamps to the end of shorter months and crosses years', () => {
      expect(addMonthsClamped('2026-08-31', 6)).toBe('2027-02-28');
      expect(addMonthsClamped('2027-08-31', 6)).toBe('2028-02-29');
      expect(addMonthsClamped('2026-11-15', 3)).toBe('2027-02-15');
    });
  });

  describe('SLA helpers', () => {
    it('answers phone-like channels on contact and dates written ones', () => {
      expect(slaDueAt(jst('2026-11-24T10:00'), { firstResponseBusinessHours: null })).toBeNull();
      expect(wall(slaDueAt(jst('2026-11-24T10:00'), { firstResponseBusinessHours: 8 })!)).toBe(
        '2026-11-25 10:00',
      );
    });

    it('puts the resolution target at closing time N business days later', () => {
      expect(wall(resolutionDueAt(jst('2026-12-28T16:30'), 20))).toBe('2027-02-01 17:00');
    });

    it('moves a due time on by the business hours spent paused', () => {
      const due = jst('2026-11-26T12:00');
      const moved = pausedAwareDue(due, [
        { from: jst('2026-11-24T15:00'), to: jst('2026-11-25T10:00') }, // 2 + 1 hours
      ]);
      expect(wall(moved)).toBe('2026-11-26 15:00');
      expect(pausedAwareDue(due, [])).toBe(due);
    });
  });

  describe('Tokyo dates', () => {
    it('converts between instants and Tokyo dates and times', () => {
      expect(tokyoDate(new Date('2026-11-22T15:00:00Z'))).toBe('2026-11-23');
      expect(tokyoDateTime('2026-11-23', '09:30').toISOString()).toBe('2026-11-23T00:30:00.000Z');
    });

    it('refuses bad desk settings', () => {
      expect(() => makeCalendar({ openTime: '17:00', closeTime: '09:00' })).toThrow(RangeError);
      expect(() => makeCalendar({ openTime: '9am' })).toThrow(RangeError);
      expect(() => makeCalendar({ extraClosures: ['12/25'] })).toThrow(RangeError);
    });
  });
});
