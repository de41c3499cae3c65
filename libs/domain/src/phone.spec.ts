import { formatJapanesePhone, normalizeJapanesePhone, phoneSearchDigits } from './phone';

describe(normalizeJapanesePhone.name, () => {
  it.each([
    ['a Tokyo fixed line', '03-1234-5678', '+81312345678'],
    ['full-width digits', '０３－１２３４－５６７８', '+81312345678'],
    ['brackets and spaces', '(03) 1234 5678', '+81312345678'],
    ['an international form', '+81 3-1234-5678', '+81312345678'],
    ['an Osaka fixed line', '06-1234-5678', '+81612345678'],
    ['a Sapporo fixed line', '011-211-2111', '+81112112111'],
    ['a four-digit area code', '0993-52-1111', '+81993521111'],
    ['a mobile', '090-1234-5678', '+819012345678'],
    ['an 080 mobile', '080-1234-5678', '+818012345678'],
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

  // Lengths that only the full numbering plan tells apart from a valid number.
  it.each([
    ['a mobile one digit short', '090-1234-567'],
    ['a mobile one digit long', '090-1234-56789'],
    ['a 070 mobile one digit short', '070-1234-567'],
    ['an IP phone one digit short', '050-1234-567'],
    ['an IP phone one digit long', '050-1234-56789'],
    ['a fixed line one digit short', '03-1234-567'],
    ['a fixed line one digit long', '03-1234-56789'],
    ['free dial 0120 one digit long', '0120-123-4567'],
    ['free dial 0120 one digit short', '0120-123-45'],
    ['free dial 0800 one digit short', '0800-123-456'],
    ['a local number starting with 1', '011-123-4567'],
  ])('rejects %s (%s)', (_label, input) => {
    expect(normalizeJapanesePhone(input)).toBeNull();
  });
});

describe(formatJapanesePhone.name, () => {
  it.each([
    ['+81312345678', '03-1234-5678'],
    ['+819012345678', '090-1234-5678'],
    ['+81612345678', '06-1234-5678'],
    ['+81112112111', '011-211-2111'],
    ['+81993521111', '0993-52-1111'],
    ['+817012345678', '070-1234-5678'],
    ['+818012345678', '080-1234-5678'],
    ['+815012345678', '050-1234-5678'],
    ['+81120123456', '0120-123-456'],
    ['+818001234567', '0800-123-4567'],
  ])('shows %s as %s', (e164, shown) => {
    expect(formatJapanesePhone(e164)).toBe(shown);
  });
});

describe(phoneSearchDigits.name, () => {
  it('gives the domestic digits', () => {
    expect(phoneSearchDigits('+81312345678')).toBe('0312345678');
  });
});
