/**
 * 法人番号 (corporate number): 13 digits, the first a check digit over the other twelve.
 * check = 9 − (Σ P_n·Q_n mod 9), digits numbered n = 1..12 from the right, Q_n = 1 (odd n) or 2 (even n).
 */
export function corporateNumberCheckDigit(base12: string): number {
  if (!/^\d{12}$/.test(base12)) {
    throw new RangeError('The base of a corporate number is exactly 12 digits');
  }
  let sum = 0;
  for (let n = 1; n <= 12; n += 1) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(value: string): boolean {
  return /^\d{13}$/.test(value) && Number(value[0]) === corporateNumberCheckDigit(value.slice(1));
}

/** Accepts full-width digits, spaces and hyphens as staff paste them; null unless 13 digits remain. */
export function normalizeCorporateNumber(value: string): string | null {
  const digits = value.normalize('NFKC').replace(/[\s-]/g, '');
  return /^\d{13}$/.test(digits) ? digits : null;
}
