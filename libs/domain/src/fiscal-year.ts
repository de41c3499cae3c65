// Japan has no daylight saving time, so Asia/Tokyo is a fixed UTC+9 offset all year round.
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

const jst = (instant: Date): Date => new Date(instant.getTime() + JST_OFFSET_MS);

/** 'YYYY-MM-DD' of the instant's calendar day in Tokyo. */
export function toJstDateString(instant: Date): string {
  return jst(instant).toISOString().slice(0, 10);
}

/** The instant of 00:00 JST on a 'YYYY-MM-DD' day. */
export function jstMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+09:00`));
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * [start, end) instants of inclusive Tokyo days, as the reports' from/to mean them: from 00:00 JST
 * of the first day to 00:00 JST of the day after the last. Either side may be open.
 */
export function jstDayRange(from?: string, to?: string): { start: Date | null; end: Date | null } {
  return {
    start: from ? jstMidnight(from) : null,
    end: to ? new Date(jstMidnight(to).getTime() + DAY_MS) : null,
  };
}

/**
 * A list filter's bounds: a date-only 'YYYY-MM-DD' names a whole Tokyo day (inclusive on both
 * sides, like jstDayRange); anything else is an instant and stays exactly as given.
 * Answers the [start, end) instants as strings for `::timestamptz`.
 */
export function instantBounds(
  from?: string,
  to?: string,
): { start: string | null; end: string | null } {
  const day = jstDayRange(
    from && DATE_ONLY.test(from) ? from : undefined,
    to && DATE_ONLY.test(to) ? to : undefined,
  );
  return {
    start: day.start?.toISOString() ?? from ?? null,
    end: day.end?.toISOString() ?? to ?? null,
  };
}

/** The Japanese fiscal year (April–March) an instant falls in, counted in Tokyo time. */
export function fiscalYearOf(instant: Date): number {
  const local = jst(instant);
  const year = local.getUTCFullYear();
  return local.getUTCMonth() >= 3 ? year : year - 1;
}

/** [start, end) of a fiscal year as instants: April 1 00:00 JST to the next April 1 00:00 JST. */
export function fiscalYearRange(fiscalYear: number): { start: Date; end: Date } {
  return { start: jstMidnight(`${fiscalYear}-04-01`), end: jstMidnight(`${fiscalYear + 1}-04-01`) };
}

/** Human-readable case number, unique per fiscal year: 2026-000123. */
export function formatCaseNumber(fiscalYear: number, sequence: number): string {
  return `${fiscalYear}-${String(sequence).padStart(6, '0')}`;
}
