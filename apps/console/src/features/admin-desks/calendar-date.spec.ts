import { formatCalendarDate, todayInTokyo } from './calendar-date';

describe(formatCalendarDate.name, () => {
  it('writes the date the Japanese way, with the weekday', () => {
    expect(formatCalendarDate('2030-02-14', 'ja')).toBe('2030年2月14日(木)');
  });

  it('has an English form', () => {
    expect(formatCalendarDate('2030-02-14', 'en')).toBe('Thu, 14 Feb 2030');
  });

  it('leaves what is not a date alone', () => {
    expect(formatCalendarDate('someday', 'ja')).toBe('someday');
  });
});

describe(todayInTokyo.name, () => {
  it('is already tomorrow in Tokyo at 16:00 UTC', () => {
    expect(todayInTokyo(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});
