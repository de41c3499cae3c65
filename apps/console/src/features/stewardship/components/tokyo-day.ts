/** Tokyo's calendar day of an instant, 'YYYY-MM-DD'. */
export const tokyoDay = (instant: Date): string =>
  new Date(instant.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
