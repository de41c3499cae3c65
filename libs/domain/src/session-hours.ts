import { type ClosureReason, tokyoDate } from './business-calendar';

/** A desk's hours and the closed days around a date, as the API's desk calendar gives them. */
export interface DeskHours {
  /** 'HH:MM' in Tokyo. */
  openTime: string;
  closeTime: string;
  closedDays: readonly { date: string; reason: ClosureReason }[];
}

export type SessionTimeWarning =
  | { kind: 'closed_day'; date: string; reason: ClosureReason }
  | { kind: 'outside_hours'; openTime: string; closeTime: string };

const JST_OFFSET_MS = 9 * 3600_000;
const minuteOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * Why a session at this time would fall outside the desk's working time, or null when it fits:
 * on a closed day (weekend, holiday, year-end, the desk's own closure), or starting before the
 * desk opens or running past its close. A warning, not a refusal: an expert may still meet a
 * company on a Saturday, but the desk should mean to.
 */
export function sessionTimeWarning(
  start: Date,
  durationMinutes: number,
  desk: DeskHours,
): SessionTimeWarning | null {
  const date = tokyoDate(start);
  const closed = desk.closedDays.find((d) => d.date === date);
  if (closed) {
    return { kind: 'closed_day', date, reason: closed.reason };
  }
  const startMinute = Math.floor(((start.getTime() + JST_OFFSET_MS) % 86_400_000) / 60_000);
  const endMinute = startMinute + durationMinutes;
  if (startMinute < minuteOf(desk.openTime) || endMinute > minuteOf(desk.closeTime)) {
    return { kind: 'outside_hours', openTime: desk.openTime, closeTime: desk.closeTime };
  }
  return null;
}
