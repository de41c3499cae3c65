import { SIZE_BANDS, type SizeBand, type SizeBandLabels } from '@madoguchi/domain';

/** Report size bands: libs/domain's employee bands, plus 'unknown' for a missing head count. */
export type SizeBandCode = SizeBand | 'unknown';

export const SIZE_BAND_CODES: readonly SizeBandCode[] = [...SIZE_BANDS, 'unknown'];

/**
 * The upper head count of each band (libs/domain sizeBand), for the SQL twin below; a unit
 * test checks the two agree for every head count that matters.
 */
export const SIZE_BAND_LIMITS: readonly (readonly [SizeBand, number])[] = [
  ['1-4', 4],
  ['5-20', 20],
  ['21-50', 50],
  ['51-100', 100],
  ['101-300', 300],
];

export const SIZE_BAND_LABELS_JA: SizeBandLabels = {
  '1-4': '1〜4人',
  '5-20': '5〜20人',
  '21-50': '21〜50人',
  '51-100': '51〜100人',
  '101-300': '101〜300人',
  '301+': '301人以上',
  unknown: '不明',
};

/** libs/domain's sizeBand as a SQL expression over an integer column. */
export function sizeBandSql(column: string): string {
  const arms = SIZE_BAND_LIMITS.map(([code, max]) => `WHEN ${column} <= ${max} THEN '${code}'`);
  return `CASE WHEN ${column} IS NULL OR ${column} < 0 THEN 'unknown' ${arms.join(' ')} ELSE '301+' END`;
}
