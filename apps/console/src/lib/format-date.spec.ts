import { formatDateTime, formatDay, formatMonth } from './format-date';

describe(formatDateTime.name, () => {
  it('shows Tokyo time the Japanese way', () => {
    expect(formatDateTime('2026-11-22T05:05:00Z', 'ja')).toBe('2026年11月22日(日) 14:05');
  });

  it('crosses midnight in Tokyo, not in UTC', () => {
    expect(formatDateTime('2026-11-21T15:30:00Z', 'ja')).toBe('2026年11月22日(日) 00:30');
  });

  it('has an English form', () => {
    expect(formatDateTime('2026-11-22T05:05:00Z', 'en')).toBe('Sun, 22 Nov 2026, 14:05');
  });
});

describe(formatDay.name, () => {
  it('writes a calendar day the Japanese way, or in English', () => {
    expect(formatDay('2026-10-01', 'ja')).toBe('2026年10月1日');
    expect(formatDay('2026-10-01', 'en')).toBe('1 Oct 2026');
  });
});

describe(formatMonth.name, () => {
  it('writes a month the Japanese way, or in English', () => {
    expect(formatMonth('2026-04', 'ja')).toBe('2026年4月');
    expect(formatMonth('2026-04', 'en')).toBe('Apr 2026');
  });
});
