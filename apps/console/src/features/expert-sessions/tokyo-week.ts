// Japan keeps no daylight saving time, so Tokyo is always UTC+9.
const TOKYO_MS = 9 * 3_600_000;
export const DAY_MS = 86_400_000;

/** The Tokyo calendar day of an instant, as YYYY-MM-DD. */
export const tokyoDay = (instant: number | string): string =>
  new Date((typeof instant === 'string' ? Date.parse(instant) : instant) + TOKYO_MS)
    .toISOString()
    .slice(0, 10);

/** Monday 00:00 in Tokyo of the week containing `instant`, moved by `weeks` weeks. */
export function tokyoWeekStart(instant: number, weeks = 0): number {
  const tokyo = new Date(instant + TOKYO_MS);
  const sinceMonday = (tokyo.getUTCDay() + 6) % 7;
  const midnight = Date.UTC(tokyo.getUTCFullYear(), tokyo.getUTCMonth(), tokyo.getUTCDate());
  return midnight - TOKYO_MS + (weeks * 7 - sinceMonday) * DAY_MS;
}

/** The start of a booking as the API wants it: the desk's wall-clock time, offset +09:00. */
export const tokyoIso = (day: string, time: string): string => `${day}T${time}:00+09:00`;
