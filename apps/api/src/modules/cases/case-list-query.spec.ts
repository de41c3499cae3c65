import { searchWeeks, weeksForPage } from './case-list-query';

describe(searchWeeks.name, () => {
  it('names the week holding the instant and the ones before it, as the index keys them', () => {
    // 2026-12-06 (a Sunday) lies in week 2970 since the Unix epoch (weeks start on Thursdays,
    // as 1970-01-01 did): case_search_keys('', '', '2026-12-06T15:00:00Z') holds '#w2970'.
    expect(searchWeeks(new Date('2026-12-06T15:00:00Z'), 3)).toEqual([
      '#w2970',
      '#w2969',
      '#w2968',
    ]);
  });

  it('turns at the epoch week boundary, not at a local midnight', () => {
    expect(searchWeeks(new Date('1970-01-07T23:59:59.999Z'), 1)).toEqual(['#w0']);
    expect(searchWeeks(new Date('1970-01-08T00:00:00Z'), 1)).toEqual(['#w1']);
    expect(searchWeeks(new Date('1969-12-31T23:59:59Z'), 1)).toEqual(['#w-1']);
  });
});

describe(weeksForPage.name, () => {
  it('scales the first eight weeks by the rate they held matches, with half again as margin', () => {
    // 20 of 51 in eight weeks: 8 × 51 / 20 × 1.5 = 30.6 → 31 weeks.
    expect(weeksForPage(20, 51)).toBe(31);
    expect(weeksForPage(50, 51)).toBe(13);
  });

  it('goes to all weeks at once when none were found or the page lies beyond two years', () => {
    expect(weeksForPage(0, 51)).toBeNull();
    expect(weeksForPage(5, 51)).toBeNull(); // 122.4 weeks
    expect(weeksForPage(6, 51)).toBe(102);
  });
});
