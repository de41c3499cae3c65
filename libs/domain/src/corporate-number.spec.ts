import {
  corporateNumberCheckDigit,
  isValidCorporateNumber,
  normalizeCorporateNumber,
} from './corporate-number';

describe(isValidCorporateNumber.name, () => {
  it.each(['7123456789012', '4011001098993', '2120901007402'])('accepts %s', (n) => {
    expect(isValidCorporateNumber(n)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '8123456789012'],
    ['12 digits', '123456789012'],
    ['14 digits', '71234567890123'],
    ['letters', '712345678901A'],
    ['empty', ''],
  ])('rejects %s', (_label, n) => {
    expect(isValidCorporateNumber(n)).toBe(false);
  });
});

describe(corporateNumberCheckDigit.name, () => {
  it('computes the check digit, always 1–9', () => {
    expect(corporateNumberCheckDigit('123456789012')).toBe(7);
    expect(corporateNumberCheckDigit('000000000000')).toBe(9);
    expect(() => corporateNumberCheckDigit('12345')).toThrow(RangeError);
  });
});

describe(normalizeCorporateNumber.name, () => {
  it('accepts full-width digits, hyphens and spaces', () => {
    expect(normalizeCorporateNumber('７１２３４５６７８９０１２')).toBe('7123456789012');
    expect(normalizeCorporateNumber('7-1234-5678-9012')).toBe('7123456789012');
    expect(normalizeCorporateNumber(' 7123 4567 89012 ')).toBe('7123456789012');
  });

  it('returns null when 13 digits do not remain', () => {
    expect(normalizeCorporateNumber('712345')).toBeNull();
    expect(normalizeCorporateNumber('法人番号')).toBeNull();
  });
});
