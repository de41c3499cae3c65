import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

// What staff type or paste: the ISO form, slashes, or the console's own display format.
const INPUT_FORMATS = ['YYYY-MM-DD', 'YYYY/M/D', 'YYYY年M月D日', 'MMM D, YYYY', 'M/D/YYYY'];

/** Reads a typed date in any of the accepted forms as 'YYYY-MM-DD', or null. */
export function parseTypedDate(text: string): string | null {
  const trimmed = text
    .trim()
    .replace(/\s*\(.*\)$/, '')
    .replace(/（.*）$/, '');
  for (const format of INPUT_FORMATS) {
    const parsed = dayjs(trimmed, format, 'en', true);
    if (parsed.isValid()) {
      return parsed.format('YYYY-MM-DD');
    }
  }
  return null;
}
