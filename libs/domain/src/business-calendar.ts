import holidayJp from '@holiday-jp/holiday_jp';

/**
 * The desk's business calendar over Asia/Tokyo. Japan has no daylight saving time, so Tokyo is
 * UTC+9 all year: instants are shifted by a fixed offset and read with UTC getters, with no
 * time-zone library and no dependence on the server's own zone.
 */
const JST_OFFSET_MS = 9 * 3600_000;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/** Answers whether a Tokyo date ('YYYY-MM-DD') is a national holiday. */
export interface HolidaySource {
  isHoliday(ymd: string): boolean;
}

let packaged: ReadonlySet<string> | undefined;

/**
 * National holidays (substitute holidays and national rest days included) from the
 * maintained `@holiday-jp/holiday_jp` data package, which follows the Cabinet Office's
 * syukujitsu.csv. Refreshing the data is a dependency update, not a code change.
 */
export const PACKAGED_HOLIDAYS: HolidaySource = {
  isHoliday(ymd: string): boolean {
    // Built on first use: a Set keeps each check O(1) over the ~1,300 dates.
    packaged ??= new Set(Object.keys(holidayJp.holidays));
    return packaged.has(ymd);
  },
};

export interface BusinessCalendar {
  /** Opening time in minutes after midnight, Tokyo time (540 = 9:00). */
  readonly openMinute: number;
  /** Closing time in minutes after midnight (1020 = 17:00). */
  readonly closeMinute: number;
  /** The desk's own extra closures, as Tokyo dates 'YYYY-MM-DD'. */
  readonly extraClosures: ReadonlySet<string>;
  readonly holidays: HolidaySource;
}

export type ClosureReason = 'weekend' | 'holiday' | 'year_end' | 'desk_closure';

const HH_MM = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

const minuteOf = (hhmm: string, field: string): number => {
  const m = HH_MM.exec(hhmm);
  if (!m) {
    throw new RangeError(`${field} must be HH:MM, got ${JSON.stringify(hhmm)}`);
  }
  return Number(m[1]) * 60 + Number(m[2]);
};

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
    if (!YMD.test(day)) {
      throw new RangeError(`extra closures must be YYYY-MM-DD, got ${JSON.stringify(day)}`);
    }
    extraClosures.add(day);
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

// ---------------------------------------------------------------------------------------------
// Tokyo dates and times

/** The Tokyo date 'YYYY-MM-DD' of an instant. */
export function tokyoDate(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a Tokyo date and time ('HH:MM'). */
export function tokyoDateTime(ymd: string, hhmm: string): Date {
  return new Date(Date.parse(`${ymd}T${hhmm}:00+09:00`));
}

/** Minutes since Tokyo midnight of an instant (fractions of a minute dropped). */
const tokyoMinute = (instant: Date): number =>
  Math.floor(((instant.getTime() + JST_OFFSET_MS) % (DAY_MINUTES * MINUTE_MS)) / MINUTE_MS);

const atMinute = (ymd: string, minute: number): Date =>
  new Date(Date.parse(`${ymd}T00:00:00+09:00`) + minute * MINUTE_MS);

const shiftDate = (ymd: string, days: number): string => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const toYmd = (day: string | Date): string => (typeof day === 'string' ? day : tokyoDate(day));

// ---------------------------------------------------------------------------------------------
// Days

/** Why a Tokyo date is closed, or null when the desk is open that day. */
export function closureReason(
  day: string | Date,
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): ClosureReason | null {
  const ymd = toYmd(day);
  const m = YMD.exec(ymd);
  if (!m) {
    throw new RangeError(`not a date: ${JSON.stringify(ymd)}`);
  }
  const weekday = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) {
    return 'weekend';
  }
  // Administrative organs close Dec 29 – Jan 3 (行政機関の休日に関する法律).
  const month = Number(m[2]);
  const date = Number(m[3]);
  if ((month === 12 && date >= 29) || (month === 1 && date <= 3)) {
    return 'year_end';
  }
  if (cal.holidays.isHoliday(ymd)) {
    return 'holiday';
  }
  if (cal.extraClosures.has(ymd)) {
    return 'desk_closure';
  }
  return null;
}

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
  let day = ymd;
  // The longest closure (year-end plus a weekend and Golden Week-like runs) is far below this.
  for (let i = 0; i < 366; i += 1) {
    if (isBusinessDay(day, cal)) {
      return day;
    }
    day = shiftDate(day, 1);
  }
  throw new RangeError('no business day within a year');
}

/**
 * The business day `days` business days after the given day; the start day itself does not
 * count (+1 from a Friday is the next Monday). `days = 0` gives the day itself if it is a
 * business day, else the next one.
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
  let left = days;
  while (left > 0) {
    ymd = nextBusinessDayOnOrAfter(shiftDate(ymd, 1), cal);
    left -= 1;
  }
  return ymd;
}

/** Adds calendar months, clamping to the month's last day (Aug 31 + 6 months = Feb 28/29). */
export function addMonthsClamped(ymd: string, months: number): string {
  const m = YMD.exec(ymd);
  if (!m) {
    throw new RangeError(`not a date: ${JSON.stringify(ymd)}`);
  }
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = Math.min(Number(m[3]), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Hours

/**
 * The instant itself when the desk is open then, else the next opening: an arrival before 9:00
 * starts at 9:00 that day, one after 17:00 (or on a closed day) at 9:00 on the next business day.
 */
export function nextOpening(instant: Date, cal: BusinessCalendar = DEFAULT_CALENDAR): Date {
  const ymd = tokyoDate(instant);
  const minute = tokyoMinute(instant);
  if (isBusinessDay(ymd, cal)) {
    if (minute < cal.openMinute) {
      return atMinute(ymd, cal.openMinute);
    }
    if (minute < cal.closeMinute) {
      return instant;
    }
  }
  return atMinute(nextBusinessDayOnOrAfter(shiftDate(ymd, 1), cal), cal.openMinute);
}

/**
 * Adds open business hours, exact to the minute. A due time that lands exactly on closing
 * stays at 17:00 that day rather than rolling to 9:00 the next morning: both mean the same
 * work, and the earlier instant is what the desk promises.
 */
export function addBusinessHours(
  start: Date,
  hours: number,
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): Date {
  if (!(hours >= 0) || !Number.isFinite(hours)) {
    throw new RangeError('hours must be a non-negative number');
  }
  let left = Math.round(hours * 60);
  let cursor = nextOpening(start, cal);
  if (left === 0) {
    return cursor;
  }
  for (;;) {
    const ymd = tokyoDate(cursor);
    const minute = tokyoMinute(cursor);
    const available = cal.closeMinute - minute;
    if (left <= available) {
      return new Date(cursor.getTime() + left * MINUTE_MS);
    }
    left -= available;
    cursor = atMinute(nextBusinessDayOnOrAfter(shiftDate(ymd, 1), cal), cal.openMinute);
  }
}

/**
 * Open business hours between two instants (minute precision, as a fraction of hours).
 * Zero when `to` is not after `from`.
 */
export function businessHoursBetween(
  from: Date,
  to: Date,
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): number {
  if (to.getTime() <= from.getTime()) {
    return 0;
  }
  let minutes = 0;
  let ymd = tokyoDate(from);
  const lastYmd = tokyoDate(to);
  for (;;) {
    if (isBusinessDay(ymd, cal)) {
      const dayStart =
        ymd === tokyoDate(from) ? Math.max(tokyoMinute(from), cal.openMinute) : cal.openMinute;
      const dayEnd = ymd === lastYmd ? Math.min(tokyoMinute(to), cal.closeMinute) : cal.closeMinute;
      minutes += Math.max(0, dayEnd - dayStart);
    }
    if (ymd >= lastYmd) {
      break;
    }
    ymd = shiftDate(ymd, 1);
  }
  return minutes / 60;
}

// ---------------------------------------------------------------------------------------------
// SLA

/** First-response due time, or null for channels answered on contact. */
export function slaDueAt(
  receivedAt: Date,
  policy: { firstResponseBusinessHours: number | null },
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): Date | null {
  return policy.firstResponseBusinessHours === null
    ? null
    : addBusinessHours(receivedAt, policy.firstResponseBusinessHours, cal);
}

/** Resolution target: the desk's closing time, `businessDays` business days after receipt. */
export function resolutionDueAt(
  receivedAt: Date,
  businessDays: number,
  cal: BusinessCalendar = DEFAULT_CALENDAR,
): Date {
  return atMinute(addBusinessDays(receivedAt, businessDays, cal), cal.closeMinute);
}

/**
 * A due time moved on by the business hours spent paused (waiting on the customer). A pause
 * still running (`to: null`) counts up to `now`.
 */
export function pausedAwareDue(
  dueAt: Date,
  pauses: readonly { from: Date; to: Date | null }[],
  cal: BusinessCalendar = DEFAULT_CALENDAR,
  now: Date = new Date(),
): Date {
  const paused = pauses.reduce((sum, p) => sum + businessHoursBetween(p.from, p.to ?? now, cal), 0);
  return paused > 0 ? addBusinessHours(dueAt, paused, cal) : dueAt;
}
