import { formatJapanesePhone, normalizeJapanesePhone, phoneSearchDigits } from './phone';

describe(normalizeJapanesePhone.name, () => {
  it.each([
    ['a Tokyo fixed line', '03-1234-5678', '+81312345678'],
    ['full-width digits', '０３－１２３４－５６７８', '+81312345678'],
    ['brackets and spaces', '(03) 1234 5678', '+81312345678'],
    ['an international form', '+81 3-1234-5678', '+81312345678'],
    ['a mobile', '090-1234-5678', '+819012345678'],
    ['a 070 mobile', '07012345678', '+817012345678'],
    ['an IP phone', '050-1234-5678', '+815012345678'],
    ['free dial 0120', '0120-123-456', '+81120123456'],
    ['free dial 0800', '0800-123-4567', '+818001234567'],
  ])('normalizes %s', (_label, input, expected) => {
    expect(normalizeJapanesePhone(input)).toBe(expected);
  });

  it.each(['', 'abc', '03-1234', '12345', '+1 415 555 0100'])('rejects %p', (input) => {
    expect(normalizeJapanesePhone(input)).toBeNull();
  });
});

describe(formatJapanesePhone.name, () => {
  it.each([
    ['+81312345678', '03-1234-5678'],
    ['+819012345678', '090-1234-5678'],
    ['+815012345678', '050-1234-5678'],
    ['+81120123456', '0120-123-456'],
  ])('shows %s as %s', (e164, shown) => {
    expect(formatJapanesePhone(e164)).toBe(shown);
  });
});

describe(phoneSearchDigits.name, () => {
  it('gives the domestic digits', () => {
    expect(phoneSearchDigits('+81312345678')).toBe('0312345678');
  });
});
