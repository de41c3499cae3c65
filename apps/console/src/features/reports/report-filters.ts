/**
 * The reports' filters as they sit in the URL, so a dashboard view can be bookmarked. A preset
 * period (this month, this fiscal year …) is kept by name, not by dates, so a bookmark of
 * "this month" still means this month next month. Pure functions: unit-tested without a browser.
 */

export const PERIOD_PRESETS = ['this_month', 'last_month', 'this_fy', 'last_fy', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The report filters other than the period; the names are the API's own query parameters. */
export const REPORT_FILTER_KEYS = [
  'deskId',
  'channel',
  'prefectureCode',
  'topic',
  'industryCode',
  'sme',
] as const;
export type ReportFilterKey = (typeof REPORT_FILTER_KEYS)[number];

export interface ReportFilters extends Partial<Record<ReportFilterKey, string>> {
  period: PeriodPreset;
  /** Tokyo days, both inclusive, as the API takes them. */
  from?: string;
  to?: string;
}

const YMD = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of today in Tokyo (a fixed UTC+9: Japan has no daylight saving time). */
export const tokyoToday = (now: Date = new Date()): string =>
  new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

const pad = (n: number): string => String(n).padStart(2, '0');

/** The last day of a month 'YYYY-MM'. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${pad(last)}` };
}

/** The month before 'YYYY-MM'. */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${pad(m - 1)}`;
}

/** The fiscal year (April–March, named by its first year) a Tokyo day falls in. */
export const fiscalYearOfDay = (day: string): number => {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
};

export const fiscalYearRange = (fy: number): { from: string; to: string } => ({
  from: `${fy}-04-01`,
  to: `${fy + 1}-03-31`,
});

/** The from/to days of a preset period, counted from today in Tokyo. */
export function presetRange(
  preset: Exclude<PeriodPreset, 'custom'>,
  today: string,
): { from: string; to: string } {
  const month = today.slice(0, 7);
  switch (preset) {
    case 'this_month':
      return monthRange(month);
    case 'last_month':
      return monthRange(previousMonth(month));
    case 'this_fy':
      return fiscalYearRange(fiscalYearOfDay(today));
    case 'last_fy':
      return fiscalYearRange(fiscalYearOfDay(today) - 1);
    default: {
      const unreachable: never = preset;
      return unreachable;
    }
  }
}

/**
 * Reads the filters from the URL. No period means this fiscal year, the figure managers ask
 * for most; a custom period keeps whatever dates were typed (the API names a bad one).
 */
export function readReportFilters(params: URLSearchParams, today: string): ReportFilters {
  const raw = params.get('period');
  const period: PeriodPreset = PERIOD_PRESETS.includes(raw as PeriodPreset)
    ? (raw as PeriodPreset)
    : 'this_fy';
  const filters: ReportFilters = { period };
  for (const key of REPORT_FILTER_KEYS) {
    const value = params.get(key);
    if (value) {
      filters[key] = value;
    }
  }
  if (period === 'custom') {
    const from = params.get('from');
    const to = params.get('to');
    if (from) {
      filters.from = from;
    }
    if (to) {
      filters.to = to;
    }
  } else {
    Object.assign(filters, presetRange(period, today));
  }
  return filters;
}

/** The query every report endpoint takes (the period resolved to days). */
export function reportQuery(filters: ReportFilters): Record<string, string> {
  const { period: _period, ...rest } = filters;
  return Object.fromEntries(
    Object.entries(rest).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}

/** 00:00 in Tokyo of a day, as the ISO instant the case list's receivedFrom/To take. */
export const tokyoMidnight = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00+09:00`)).toISOString();

/** The instant after an inclusive last day: the case list's receivedTo is exclusive. */
export const afterDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00+09:00`) + DAY_MS).toISOString();

export const isDay = (value: string | undefined): value is string =>
  value !== undefined && YMD.test(value);

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isMonth = (value: string | null | undefined): value is string =>
  typeof value === 'string' && MONTH.test(value);

// How many fiscal years back the period pickers reach by default; an older period still opens
// from a link, and is then offered too.
const PICKER_FISCAL_YEARS = 5;

/**
 * The months a results report can be asked for, newest first and grouped by fiscal year: this
 * fiscal year and the four before it, widened to take in `selected` when a link asks for one
 * outside them.
 */
export function reportMonthGroups(
  today: string,
  selected?: string,
): { fiscalYear: number; months: string[] }[] {
  const current = today.slice(0, 7);
  const chosen = isMonth(selected) ? selected : current;
  const newest = chosen > current ? chosen : current;
  const oldestFy = Math.min(
    fiscalYearOfDay(today) - (PICKER_FISCAL_YEARS - 1),
    fiscalYearOfDay(`${chosen}-01`),
  );
  const groups: { fiscalYear: number; months: string[] }[] = [];
  for (let month = newest; ; month = previousMonth(month)) {
    const fiscalYear = fiscalYearOfDay(`${month}-01`);
    if (fiscalYear < oldestFy) {
      return groups;
    }
    const group = groups.at(-1);
    if (group?.fiscalYear === fiscalYear) {
      group.months.push(month);
    } else {
      groups.push({ fiscalYear, months: [month] });
    }
  }
}

/** The fiscal years a results report can be asked for, newest first (ten, and `selected`). */
export function reportFiscalYears(today: string, selected?: number): number[] {
  const current = fiscalYearOfDay(today);
  const newest = Math.max(current, selected ?? current);
  const oldest = Math.min(current - 9, selected ?? current);
  return Array.from({ length: newest - oldest + 1 }, (_, i) => newest - i);
}
