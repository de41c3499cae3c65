// The full numbering plan ("max" metadata): the default "min" metadata checks only the overall
// length range, so it took 090-1234-567 (one digit short) for a valid number. It weighs ~40 KB
// gzip, twice "min"; the console calls none of these functions, so tree-shaking keeps it out of
// the console's bundle (checked with the build: its chunks are byte-identical either way).
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Staff type numbers in every width and with any punctuation; stored as E.164 (+81…). */
export function normalizeJapanesePhone(input: string): string | null {
  const text = input.normalize('NFKC').trim();
  if (!/^[+\d\s()\-‐－ー.]+$/.test(text)) {
    return null;
  }
  const phone = parsePhoneNumberFromString(text, 'JP');
  if (!phone || phone.country !== 'JP' || !phone.isValid()) {
    return null;
  }
  return phone.number;
}

/** Domestic display form, e.g. 03-1234-5678, 090-1234-5678, 0120-123-456. */
export function formatJapanesePhone(e164: string): string {
  const phone = parsePhoneNumberFromString(e164, 'JP');
  return phone ? phone.formatNational() : e164;
}

/** Digits only, domestic form (0312345678), for matching what staff type in a search box. */
export function phoneSearchDigits(e164: string): string {
  return e164.startsWith('+81') ? `0${e164.slice(3)}` : e164.replace(/\D/g, '');
}
