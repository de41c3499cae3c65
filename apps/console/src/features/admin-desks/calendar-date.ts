// Closures are calendar dates in Japan, not instants: they are formatted as written, never shifted
// by the browser's time zone.
const jaFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
});
const enFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const tokyoDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' });

/** "2030-02-14" as "2030年2月14日(木)" or "Thu, 14 Feb 2030". */
export function formatCalendarDate(date: string, language: string): string {
  const instant = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(instant.getTime())) {
    return date;
  }
  if (language === 'en') {
    return enFormat.format(instant);
  }
  const parts = Object.fromEntries(jaFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}年${parts.month}月${parts.day}日(${parts.weekday})`;
}

/** Today's date in Japan as YYYY-MM-DD, to tell past closures from coming ones. */
export const todayInTokyo = (now = new Date()): string => tokyoDate.format(now);
