import { emailQuery } from './organization-search';

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
