import { emailQuery, organizationSearchText } from './organization-search';

describe(emailQuery.name, () => {
  it.each([
    ['tanaka@example.co.jp', 'tanaka@example.co.jp'],
    ['  Tanaka@Example.CO.JP ', 'tanaka@example.co.jp'],
    ['ｔａｎａｋａ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ', 'tanaka@example.co.jp'],
  ])('reads %j as the address %j', (q, address) => {
    expect(emailQuery(q)).toBe(address);
  });

  it.each([
    'tanaka',
    'tanaka@',
    '@example.co.jp',
    'tanaka@example',
    'a b@example.jp',
    '03-1234-5678',
  ])('leaves %j to the text search', (q) => {
    expect(emailQuery(q)).toBeNull();
  });
});

describe(organizationSearchText.name, () => {
  const text = (phones: (string | null)[]) =>
    organizationSearchText({
      name: '株式会社テレワーク',
      nameKana: null,
      corporateNumber: null,
      phones,
    });

  it('holds each phone number once, whoever else is on it', () => {
    expect(text(['+81368201234', '+81368201234', null, '+819098765432'])).toBe(
      text(['+81368201234', '+819098765432']),
    );
    expect(text(['+81368201234', '+819098765432'])).not.toBe(text(['+81368201234']));
  });
});
