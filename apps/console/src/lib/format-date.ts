const TOKYO = 'Asia/Tokyo';

const jaFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: TOKYO,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const enFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TOKYO,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Instants shown as desks read them, always in Tokyo time: 2026年11月22日(日) 14:05. */
export function formatDateTime(instant: Date | string, language: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (language === 'en') {
    return enFormat.format(date);
  }
  const parts = Object.fromEntries(jaFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}年${parts.month}月${parts.day}日(${parts.weekday}) ${parts.hour}:${parts.minute}`;
}

const enDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const enMonth = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  month: 'short',
  year: 'numeric',
});

/** A calendar day 'YYYY-MM-DD' (no time zone to cross): 2026年10月1日 / 1 Oct 2026. */
export function formatDay(ymd: string, language: string): string {
  const [year, month, day] = ymd.split('-').map(Number) as [number, number, number];
  return language === 'en'
    ? enDay.format(new Date(Date.UTC(year, month - 1, day)))
    : `${year}年${month}月${day}日`;
}

/** A month 'YYYY-MM': 2026年10月 / Oct 2026. */
export function formatMonth(ym: string, language: string): string {
  const [year, month] = ym.split('-').map(Number) as [number, number];
  return language === 'en'
    ? enMonth.format(new Date(Date.UTC(year, month - 1, 1)))
    : `${year}年${month}月`;
}
