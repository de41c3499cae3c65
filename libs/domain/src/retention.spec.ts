import { isPastRetention, retentionCutoff } from './retention';

const at = (iso: string): Date => new Date(iso);

describe('isPastRetention', () => {
  it('keeps a case closed on the last day of FY2020 until the end of FY2025', () => {
    // 2021-03-31 23:59 JST is still FY2020.
    const closed = at('2021-03-31T14:59:00Z');
    expect(isPastRetention(closed, 5, at('2026-03-31T14:59:59Z'))).toBe(false);
    expect(isPastRetention(closed, 5, at('2026-03-31T15:00:00Z'))).toBe(true);
  });

  it('counts a closure on April 1 (JST) in the new fiscal year', () => {
    // 2021-04-01 00:00 JST is 2021-03-31 15:00 UTC: FY2021, kept one more year.
    const closed = at('2021-03-31T15:00:00Z');
    expect(isPastRetention(closed, 5, at('2026-04-01T00:00:00Z'))).toBe(false);
    expect(isPastRetention(closed, 5, at('2027-03-31T15:00:00Z'))).toBe(true);
  });

  it('follows the configured number of years', () => {
    const closed = at('2024-06-01T00:00:00Z');
    expect(isPastRetention(closed, 1, at('2026-03-31T14:00:00Z'))).toBe(false);
    expect(isPastRetention(closed, 1, at('2026-04-01T00:00:00Z'))).toBe(true);
  });
});

describe('retentionCutoff', () => {
  it('is April 1 00:00 JST of the fiscal year N before the current one', () => {
    expect(retentionCutoff(5, at('2026-12-06T00:00:00Z')).toISOString()).toBe(
      '2021-03-31T15:00:00.000Z',
    );
    // On March 31 (JST) the current fiscal year is still the previous one.
    expect(retentionCutoff(5, at('2027-03-31T14:00:00Z')).toISOString()).toBe(
      '2021-03-31T15:00:00.000Z',
    );
    expect(retentionCutoff(5, at('2027-03-31T15:00:00Z')).toISOString()).toBe(
      '2022-03-31T15:00:00.000Z',
    );
  });

  it('agrees with isPastRetention on both sides of the cutoff', () => {
    const now = at('2026-12-06T00:00:00Z');
    const cutoff = retentionCutoff(5, now);
    expect(isPastRetention(new Date(cutoff.getTime() - 1), 5, now)).toBe(true);
    expect(isPastRetention(cutoff, 5, now)).toBe(false);
  });
});
