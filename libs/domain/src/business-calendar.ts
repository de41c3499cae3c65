import holidayJp from '@holiday-jp/holiday_jp';

/**
 * The desk's business calendar over Asia/Tokyo. Japan has no daylight saving time, so Tokyo is
 * UTC+9 all year: instants are shifted by a fixed offset and read with UTC getters, with no
 * time-zone library and no dependence on the server's (or the browser's) own zone.
 */
const JST_OFFSET_MS = 9 * 3600_000;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/** Answers whether a Tokyo date ('YYYY-MM-DD') is a national holiday. */
export interface HolidaySource {
  isHoliday(ymd: string): boolean;
}

/**
 * National holidays (substitute holidays 振替休日 and national rest days 国民の休日 included)
 * from the maintained `@holiday-jp/holiday_jp` data package, which follows the Cabinet Office's
 * syukujitsu.csv up to 2050. Refreshing it is a dependency update, not a code change.
 *
 * The data (~230 kB) is only read inside `isHoliday`, never at module top level, so a bundle that
 * never asks about holidays (the console) can drop it; see apps/console/vite.config.mts.
 */
export const PACKAGED_HOLIDAYS: HolidaySource = {
  isHoliday: (ymd: string): boolean => Object.hasOwn(holidayJp.holidays, ymd),
};

/**
 * A holiday source from a plain list of dates, e.g. a freshly fetched syukujitsu.csv or a
 * test's fixture: lets a deployment take a newly announced holiday without waiting for a
 * package release.
 */
export function holidaySourceFromDates(dates: Iterable<string>): HolidaySource {
  const set = new Set<string>();
  for (const day of dates) {
    set.add(checkYmd(day, 'holiday'));
  }
  return { isHoliday: (ymd: string): boolean => set.has(ymd) };
}

export interface BusinessCalendar {
  /** Opening time in minutes after Tokyo midnight (540 = 9:00). */
  readonly openMinute: number;
  /** Closing time in minutes after Tokyo midnight (1020 = 17:00); the desk is closed at it. */
  readonly closeMinute: number;
  /**
   * The desk's own closures as Tokyo dates 'YYYY-MM-DD'. An array is accepted so a database
   * row's list can be used as is; `makeCalendar` turns it into a Set for O(1) look-ups.
   */
  readonly extraClosures: ReadonlySet<string> | readonly string[];
  /** Defaults to PACKAGED_HOLIDAYS; swap it to refresh holiday data or to pin it in tests. */
  readonly holidays?: HolidaySource;
}

/** Why a day is closed, for the console's tooltips. */
export type ClosureReason = 'weekend' | 'holiday' | 'year_end' | 'desk_closure';

const HH_MM = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Returns the date if it is a real calendar date 'YYYY-MM-DD' (so 2026-02-30 fails loudly). */
function checkYmd(ymd: string, field = 'date'): string {
  const m = YMD.exec(ymd);
  const ok =
    m !== null &&
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) ===
      ymd;
  if (!ok) {
    throw new RangeError(`${field} must be a date YYYY-MM-DD, got ${JSON.stringify(ymd)}`);
  }
  return ymd;
}

function minuteOf(hhmm: string, field: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) {
    throw new RangeError(`${field} must be HH:MM, got ${JSON.stringify(hhmm)}`);
  }
  return Number(m[1]) * 60 + Number(m[2]);
}

/** A calendar from desk settings; validates them so a bad setting fails loudly, not silently. */
export function makeCalendar(
  options: {
    openTime?: string;
    closeTime?: string;
    extraClosures?: Iterable<string>;
    holidays?: HolidaySource;
  } = {},
): BusinessCalendar {
  const openMinute = minuteOf(options.openTime ?? '09:00', 'openTime');
  const closeMinute = minuteOf(options.closeTime ?? '17:00', 'closeTime');
  if (openMinute >= closeMinute) {
    throw new RangeError('openTime must be before closeTime');
  }
  const extraClosures = new Set<string>();
  for (const day of options.extraClosures ?? []) {
    extraClosures.add(checkYmd(day, 'extra closure'));
  }
  return {
    openMinute,
    closeMinute,
    extraClosures,
    holidays: options.holidays ?? PACKAGED_HOLIDAYS,
  };
}

/** The program's desks: weekdays 9:00–17:00, national holidays and Dec 29–Jan 3 closed. */
export const DEFAULT_CALENDAR: BusinessCalendar = /* @__PURE__ */ makeCalendar();

/** Hand-built calendars skip makeCalendar; bad hours would make the hour loops spin forever. */
function checkHours(cal: BusinessCalendar): void {
  const { openMinute: open, closeMinute: close } = cal;
  if (!(Number.isInteger(open) && Number.isInteger(close) && open >= 0 && open < close)) {
    throw new RangeError('calendar hours must be whole minutes with open before close');
  }
  if (close > DAY_MINUTES) {
    throw new RangeError('calendar must close by midnight');
  }
}

// ---------------------------------------------------------------------------------------------
// Tokyo dates and times

/** The Tokyo date 'YYYY-MM-DD' of an instant. */
export function tokyoDate(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Tokyo date and wall-clock time of an instant, 'YYYY-MM-DD HH:MM', as reports print it. */
export function tokyoDateTimeText(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant of a Tokyo date and wall-clock time 'HH:MM'. */
export function tokyoDateTime(ymd: string, hhmm: string): Date {
  return atMinute(checkYmd(ymd), minuteOf(hhmm, 'time'));
}

const atMinute = (ymd: string, minute: number): Date =>
  new Date(Date.parse(`${ymd}T00:00:00+09:00`) + minute * MINUTE_MS);

const shiftDate = (ymd: string, days: number): string => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const toYmd = (day: string | Date): string =>
  typeof day === 'string' ? checkYmd(day) : tokyoDate(day);

const closedByDesk = (closures: BusinessCalendar['extraClosures'], ymd: string): boolean =>
  isList(closures) ? closures.includes(ymd) : closures.has(ymd);

// Array.isArray does not narrow a union with a readonly array on its own.
const isList = (v: ReadonlySet<string> | readonly string[]): v is readonly string[] =>
  Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Days

/**
 * Why a Tokyo date (a 'YYYY-MM-DD' string, or a Date read as its Tokyo date) is closed, or null
 * when the desk is open. When reasons overlap the broadest wins: weekend, then the year-end
 * break (so Jan 1 reads 'year_end' like its neighbours), then holiday, then desk closure.
 */
export function closureReason(
  day: string | Date,
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): ClosureReason | null {
  const ymd = toYmd(day);
  const weekday = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) {
    return 'weekend';
  }
  // Administrative organs close Dec 29 – Jan 3 (行政機関の休日に関する法律).
  const monthDay = ymd.slice(5);
  if (monthDay >= '12-29' || monthDay <= '01-03') {
    return 'year_end';
  }
  if ((cal.holidays ?? PACKAGED_HOLIDAYS).isHoliday(ymd)) {
    return 'holiday';
  }
  if (closedByDesk(cal.extraClosures, ymd)) {
    return 'desk_closure';
  }
  return null;
}

/** Whether the desk opens on a Tokyo date (a string, or a Date read as its Tokyo date). */
export function isBusinessDay(
  day: string | Date,
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): boolean {
  return closureReason(day, cal) === null;
}

/** The date itself if it is a business day, else the next one (moving dates off closures). */
export function nextBusinessDayOnOrAfter(
  ymd: string,
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): string {
  let day = checkYmd(ymd);
  // Real closures are at most ~10 days (year-end plus a weekend); a year means a broken calendar.
  for (let i = 0; i < 366; i += 1) {
    if (isBusinessDay(day, cal)) {
      return day;
    }
    day = shiftDate(day, 1);
  }
  throw new RangeError(`no business day within a year of ${ymd}`);
}

/**
 * The date `days` business days after the given day. The start day never counts (+1 from a
 * Friday is the next Monday, as is +1 from a Saturday). A Date counts from its Tokyo date,
 * whatever the time: the desks say "received Friday, answer within N business days".
 * `days = 0` gives the day itself if it is a business day, else the next one.
 */
export function addBusinessDays(
  day: string | Date,
  days: number,
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): string {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError('days must be a non-negative integer');
  }
  let ymd = toYmd(day);
  if (days === 0) {
    return nextBusinessDayOnOrAfter(ymd, cal);
  }
  for (let left = days; left > 0; left -= 1) {
    ymd = nextBusinessDayOnOrAfter(shiftDate(ymd, 1), cal);
  }
  return ymd;
}

/**
 * Adds calendar months, clamping to the month's last day (Aug 31 + 6 months = Feb 28/29).
 * Used for outcome checks +3 and +6 months after the last expert session; follow with
 * nextBusinessDayOnOrAfter to land on an open day.
 */
export function addMonthsClamped(ymd: string, months: number): string {
  if (!Number.isInteger(months)) {
    throw new RangeError('months must be an integer');
  }
  const [y, m, d] = checkYmd(ymd).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(Math.min(d, lastDay), 2)}`;
}

// ---------------------------------------------------------------------------------------------
// Hours

/**
 * The instant itself when the desk is open then, else the next opening: an arrival before
 * opening starts at opening that day; one at or after closing, or on a closed day, at opening
 * on the next business day. Closing time itself is closed.
 */
export function nextOpening(instant: Date, cal: BusinessCalendar = DEFAULT_CALENDAR): Date {
  checkHours(cal);
  const ymd = tokyoDate(instant);
  if (isBusinessDay(ymd, cal)) {
    const open = atMinute(ymd, cal.openMinute);
    if (instant.getTime() < open.getTime()) {
      return open;
    }
    if (instant.getTime() < atMinute(ymd, cal.closeMinute).getTime()) {
      return new Date(instant.getTime());
    }
  }
  return atMinute(nextBusinessDayOnOrAfter(shiftDate(ymd, 1), cal), cal.openMinute);
}

/**
 * Adds open business hours; `hours` is rounded to whole minutes and the clock starts at
 * nextOpening(start), so 0 hours gives the next open instant. A due time that lands exactly on
 * closing stays at closing that day (17:00) rather than rolling to 9:00 the next morning: both
 * mean the same work, and the earlier instant is what the desk can promise.
 */
export function addBusinessHours(
  start: Date,
  hours: number,
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): Date {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError('hours must be a non-negative number');
  }
  let leftMs = Math.round(hours * 60) * MINUTE_MS;
  let cursor = nextOpening(start, cal);
  for (;;) {
    const ymd = tokyoDate(cursor);
    // Millisecond arithmetic, so a start with seconds never spills past closing.
    const availableMs = atMinute(ymd, cal.closeMinute).getTime() - cursor.getTime();
    if (leftMs <= availableMs) {
      return new Date(cursor.getTime() + leftMs);
    }
    leftMs -= availableMs;
    cursor = atMinute(nextBusinessDayOnOrAfter(shiftDate(ymd, 1), cal), cal.openMinute);
  }
}

/**
 * Open business hours between two instants, rounded to the nearest minute and returned as
 * (fractional) hours. Zero, never negative, when `to` is not after `from`: callers measure
 * pauses and elapsed SLA time, where a clock skew must not shrink anything. For "overdue by",
 * swap the arguments.
 */
export function businessHoursBetween(
  from: Date,
  to: Date,
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): number {
  checkHours(cal);
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) {
    return 0;
  }
  let openMs = 0;
  const lastYmd = tokyoDate(to);
  for (let ymd = tokyoDate(from); ; ymd = shiftDate(ymd, 1)) {
    if (isBusinessDay(ymd, cal)) {
      const start = Math.max(a, atMinute(ymd, cal.openMinute).getTime());
      const end = Math.min(b, atMinute(ymd, cal.closeMinute).getTime());
      openMs += Math.max(0, end - start);
    }
    if (ymd >= lastYmd) {
      break;
    }
  }
  return Math.round(openMs / MINUTE_MS) / 60;
}

// ---------------------------------------------------------------------------------------------
// SLA

/** First-response due time, or null for channels answered on contact (phone, walk-in). */
export function slaDueAt(
  receivedAt: Date,
  policy: { firstResponseBusinessHours: number | null },
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): Date | null {
  return policy.firstResponseBusinessHours === null
    ? null
    : addBusinessHours(receivedAt, policy.firstResponseBusinessHours, cal);
}

/** Resolution target day: `businessDays` business days after the Tokyo day of receipt. */
export function resolutionDueDate(
  receivedAt: Date,
  businessDays: number,
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): string {
  return addBusinessDays(receivedAt, businessDays, cal);
}

/** Resolution target as an instant: the desk's closing time on resolutionDueDate. */
export function resolutionDueAt(
  receivedAt: Date,
  businessDays: number,
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): Date {
  return atMinute(resolutionDueDate(receivedAt, businessDays, cal), cal.closeMinute);
}

/** A stretch of waiting on the customer; `to: null` while it still runs. */
export interface SlaPause {
  from: Date;
  to: Date | null;
}

/**
 * A due time moved on by the business hours the clock stood still (waiting on the customer),
 * recomputable from stored pauses at any time, so an API can call it on every read or write.
 * Overlapping pauses count once. A pause that starts at or after the (already moved) due time
 * does not count: the SLA was breached before it, and parking a case must not hide that.
 * A running pause counts up to `now`; pass the request's clock rather than relying on the default.
 */
export function pausedAwareDue(
  dueAt: Date,
  pauses: readonly SlaPause[],
  cal: BusinessCalendar = DEFAULT_CALENDAR,
  now: Date = new Date(),
): Date {
  const spans = pauses
    .map((p) => ({ from: p.from.getTime(), to: (p.to ?? now).getTime() }))
    .filter((p) => p.to > p.from)
    .sort((x, y) => x.from - y.from);
  const merged: { from: number; to: number }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to) {
      last.to = Math.max(last.to, span.to);
    } else {
      merged.push({ ...span });
    }
  }
  let due = dueAt;
  for (const span of merged) {
    if (span.from >= due.getTime()) {
      break;
    }
    const hours = businessHoursBetween(new Date(span.from), new Date(span.to), cal);
    if (hours > 0) {
      due = addBusinessHours(due, hours, cal);
    }
  }
  return due;
}
