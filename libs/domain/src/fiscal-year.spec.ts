import {
  instantBounds,
  jstDayRange,
  fiscalYearOf,
  fiscalYearRange,
  formatCaseNumber,
  jstMidnight,
  toJstDateString,
} from './fiscal-year';

describe(fiscalYearOf.name, () => {
  it('starts the fiscal year on April 1 in Tokyo, not in UTC', () => {
    expect(fiscalYearOf(new Date('2027-03-31T14:59:59Z'))).toBe(2026); // 23:59:59 JST, Mar 31
    expect(fiscalYearOf(new Date('2027-03-31T15:00:00Z'))).toBe(2027); // 00:00 JST, Apr 1
  });

  it('puts January to March in the previous year’s fiscal year', () => {
    expect(fiscalYearOf(new Date('2027-01-15T03:00:00Z'))).toBe(2026);
    expect(fiscalYearOf(new Date('2026-11-22T05:00:00Z'))).toBe(2026);
  });
});

describe(fiscalYearRange.name, () => {
  it('spans April 1 JST to April 1 JST', () => {
    const { start, end } = fiscalYearRange(2026);
    expect(start.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(end.toISOString()).toBe('2027-03-31T15:00:00.000Z');
  });
});

describe('dates in Tokyo', () => {
  it('gives the JST calendar day', () => {
    expect(toJstDateString(new Date('2026-11-21T15:30:00Z'))).toBe('2026-11-22');
    expect(jstMidnight('2026-11-22').toISOString()).toBe('2026-11-21T15:00:00.000Z');
  });
});

describe(formatCaseNumber.name, () => {
  it('pads the sequence to six digits', () => {
    expect(formatCaseNumber(2026, 123)).toBe('2026-000123');
  });
});

describe(jstDayRange.name, () => {
  it('runs from 00:00 JST of the first day to 00:00 JST after the last', () => {
    const { start, end } = jstDayRange('2019-01-12', '2019-01-12');
    expect(start?.toISOString()).toBe('2019-01-11T15:00:00.000Z');
    expect(end?.toISOString()).toBe('2019-01-12T15:00:00.000Z');
    expect(jstDayRange()).toEqual({ start: null, end: null });
  });
});

describe(instantBounds.name, () => {
  it('reads a date-only bound as the whole Tokyo day', () => {
    expect(instantBounds('2019-01-12', '2019-01-12')).toEqual({
      start: '2019-01-11T15:00:00.000Z',
      end: '2019-01-12T15:00:00.000Z',
    });
  });

  it('keeps an instant as it was given', () => {
    expect(instantBounds('2019-01-12T09:00:00+09:00', '2019-01-12T00:00:00Z')).toEqual({
      start: '2019-01-12T09:00:00+09:00',
      end: '2019-01-12T00:00:00Z',
    });
    expect(instantBounds(undefined, '2019-01-12')).toEqual({
      start: null,
      end: '2019-01-12T15:00:00.000Z',
    });
  });
});
