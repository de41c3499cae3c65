import { holidaySourceFromDates, makeCalendar } from '@madoguchi/domain';
import { ageBucket, businessDayAges } from './backlog.service';

describe(businessDayAges.name, () => {
  // 2026-05-04/05/06 are holidays (Golden Week); 2026-05-08 is this desk's own closure.
  const calendar = makeCalendar({
    holidays: holidaySourceFromDates(['2026-05-04', '2026-05-05', '2026-05-06']),
    extraClosures: ['2026-05-08'],
  });

  it('counts business days after the day of receipt up to and including today', () => {
    const ages = businessDayAges(
      ['2026-05-11', '2026-05-08', '2026-05-07', '2026-05-01', '2026-04-30', '2026-05-12'],
      '2026-05-11', // Monday
      calendar,
    );
    expect(ages.get('2026-05-11')).toBe(0); // received today
    expect(ages.get('2026-05-08')).toBe(1); // Friday (closed): Monday counts
    expect(ages.get('2026-05-07')).toBe(1); // Thursday: Friday closed, weekend, Monday
    expect(ages.get('2026-05-01')).toBe(2); // Friday: holidays, Thursday 7th, Monday 11th
    expect(ages.get('2026-04-30')).toBe(3); // Thursday: 1st, 7th, 11th
    expect(ages.get('2026-05-12')).toBe(0); // a clock a little ahead: never negative
  });

  it('skips the year-end break', () => {
    const ages = businessDayAges(['2026-12-28'], '2027-01-05', makeCalendar());
    expect(ages.get('2026-12-28')).toBe(2); // Jan 4 and Jan 5 only
  });
});

describe(ageBucket.name, () => {
  it('puts ages in the report buckets, edges included', () => {
    expect([0, 1, 2, 5, 6, 10, 11, 20, 21, 400].map(ageBucket)).toEqual([
      '0-1',
      '0-1',
      '2-5',
      '2-5',
      '6-10',
      '6-10',
      '11-20',
      '11-20',
      '21+',
      '21+',
    ]);
  });
});
