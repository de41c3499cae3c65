import {
  afterDay,
  isDay,
  monthRange,
  type ReportFilters,
  REPORT_FILTER_KEYS,
  tokyoMidnight,
} from './report-filters';

/** The report dimensions a bar can stand for (the API's caseload groupBy names, plus age). */
export type BarDimension =
  | 'month'
  | 'fiscal_year'
  | 'desk'
  | 'block'
  | 'prefecture'
  | 'channel'
  | 'industry'
  | 'size_band'
  | 'sme'
  | 'topic'
  | 'topic2'
  | 'status';

export type Bar = Partial<Record<BarDimension, string>>;

const max = (a: string | undefined, b: string): string => (a && a > b ? a : b);
const min = (a: string | undefined, b: string): string => (a && a < b ? a : b);

/**
 * The case list (/cases) filtered to one bar of a report: the report's own filters, plus what
 * the bar stands for. A period bar is cut to the report's period, so the list counts the cases
 * the bar counted. Answers null when the case list cannot show that bar (an 'unknown'
 * prefecture, industry or topic has no case-list filter).
 */
export function caseListLink(filters: ReportFilters, bar: Bar): string | null {
  const query = new URLSearchParams();
  let from = isDay(filters.from) ? filters.from : undefined;
  let to = isDay(filters.to) ? filters.to : undefined;
  for (const key of REPORT_FILTER_KEYS) {
    const value = filters[key];
    if (value) {
      query.set(key, value);
    }
  }
  for (const [dimension, value] of Object.entries(bar) as [BarDimension, string][]) {
    switch (dimension) {
      case 'month': {
        const range = monthRange(value);
        from = max(from, range.from);
        to = min(to, range.to);
        break;
      }
      case 'fiscal_year': {
        const fy = Number(value);
        from = max(from, `${fy}-04-01`);
        to = min(to, `${fy + 1}-03-31`);
        break;
      }
      case 'desk':
        query.set('deskId', value);
        break;
      case 'channel':
        query.set('channel', value);
        break;
      case 'status':
        query.set('status', value);
        break;
      case 'block':
        query.set('block', value);
        break;
      case 'size_band':
        query.set('sizeBand', value);
        break;
      case 'sme':
        query.set('sme', value);
        break;
      case 'prefecture':
      case 'industry':
      case 'topic':
      case 'topic2':
        if (value === 'unknown') {
          return null;
        }
        query.set(
          dimension === 'prefecture'
            ? 'prefectureCode'
            : dimension === 'industry'
              ? 'industryCode'
              : 'topic',
          value,
        );
        break;
      default: {
        const unreachable: never = dimension;
        return unreachable;
      }
    }
  }
  if (from) {
    query.set('receivedFrom', tokyoMidnight(from));
  }
  if (to) {
    query.set('receivedTo', afterDay(to));
  }
  return `/cases?${query.toString()}`;
}
