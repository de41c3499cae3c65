import { searchWeeks } from './case-list-query';

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
