import { sizeBand } from '@madoguchi/domain';
import { SIZE_BAND_CODES, SIZE_BAND_LIMITS, sizeBandSql } from './size-bands';

/** What the SQL CASE computes, read off the same limits. */
const sqlTwin = (employees: number | null): string =>
  employees === null || employees < 0
    ? 'unknown'
    : (SIZE_BAND_LIMITS.find(([, max]) => employees <= max)?.[0] ?? '301+');

describe(sizeBandSql.name, () => {
  it('agrees with libs/domain sizeBand for every head count up to past the last edge', () => {
    for (let n = 0; n <= 1000; n += 1) {
      expect(sqlTwin(n)).toBe(sizeBand(n));
    }
    expect(sqlTwin(null)).toBe('unknown');
    expect(sizeBand(null)).toBeNull();
  });

  it('writes each limit as a CASE arm, unknown first and 301+ last', () => {
    const sql = sizeBandSql('o.employees');
    expect(sql).toMatch(/^CASE WHEN o\.employees IS NULL OR o\.employees < 0 THEN 'unknown'/);
    expect(sql).toContain(`WHEN o.employees <= 4 THEN '1-4'`);
    expect(sql).toContain(`WHEN o.employees <= 300 THEN '101-300'`);
    expect(sql).toMatch(/ELSE '301\+' END$/);
  });

  it('lists the bands in order, unknown last', () => {
    expect(SIZE_BAND_CODES).toEqual([
      '1-4',
      '5-20',
      '21-50',
      '51-100',
      '101-300',
      '301+',
      'unknown',
    ]);
  });
});
