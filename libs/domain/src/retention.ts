import { fiscalYearOf, fiscalYearRange } from './fiscal-year';

/** The kinds of personal data that have their own retention term. */
export const RETENTION_DATA_CLASSES = [
  'contacts',
  'case_text',
  'raw_mail',
  'audit_events',
  'sign_in_records',
] as const;
export type RetentionDataClass = (typeof RETENTION_DATA_CLASSES)[number];

/** The working assumption of the program: five fiscal years after the case closes. */
export const DEFAULT_RETENTION_FISCAL_YEARS = 5;
export const MIN_RETENTION_FISCAL_YEARS = 1;
export const MAX_RETENTION_FISCAL_YEARS = 30;

/** What replaces pseudonymized text, everywhere, so a reader sees it was removed on purpose. */
export const PSEUDONYMIZED_MARKER = '［仮名化済み］';

/**
 * A record is kept through the whole fiscal year in which it closed plus `fiscalYears` more, and
 * is past its term from the following April 1 (JST). Closed on 2021-03-31 (FY2020) with five
 * years: kept to 2026-03-31, past from 2026-04-01.
 */
export function isPastRetention(closedAt: Date, fiscalYears: number, now: Date): boolean {
  return fiscalYearOf(now) > fiscalYearOf(closedAt) + fiscalYears;
}

/**
 * The instant before which a closure is past its term at `now`: the first day of the fiscal
 * year `fiscalYears` before the current one. `closedAt < cutoff` ⇔ isPastRetention.
 */
export function retentionCutoff(fiscalYears: number, now: Date): Date {
  return fiscalYearRange(fiscalYearOf(now) - fiscalYears).start;
}
