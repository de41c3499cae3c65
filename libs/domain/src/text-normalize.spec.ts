import {
  caseSearchText,
  searchPhrase,
  searchWords,
  emailDomain,
  normalizeForSearch,
  normalizeOrganizationName,
  stripCorporateSuffix,
} from './text-normalize';

describe(normalizeForSearch.name, () => {
  it('folds half-width kana and hiragana to katakana', () => {
    const target = normalizeForSearch('テレワーク');
    expect(normalizeForSearch('ﾃﾚﾜｰｸ')).toBe(target);
    expect(normalizeForSearch('てれわーく')).toBe(target);
  });

  it('folds full-width Latin and digits, case and spaces', () => {
    expect(normalizeForSearch('ＡＢＣ　商事  ０１')).toBe('abc 商事 01');
  });

  it('keeps kanji as they are', () => {
    expect(normalizeForSearch('商事')).toBe('商事');
  });
});

describe(normalizeOrganizationName.name, () => {
  it('ignores the legal form, however it is written', () => {
    const key = normalizeOrganizationName('株式会社 テレワーク商事');
    expect(normalizeOrganizationName('(株)テレワーク商事')).toBe(key);
    expect(normalizeOrganizationName('㈱テレワーク商事')).toBe(key);
    expect(normalizeOrganizationName('テレワーク商事株式会社')).toBe(key);
    expect(normalizeOrganizationName('ﾃﾚﾜｰｸ商事（株）')).toBe(key);
  });

  it('keeps different names apart', () => {
    expect(normalizeOrganizationName('テレワーク商事')).not.toBe(
      normalizeOrganizationName('テレワーク物産'),
    );
  });
});

describe(stripCorporateSuffix.name, () => {
  it('removes designators and trims', () => {
    expect(stripCorporateSuffix('一般社団法人 窓口協会')).toBe('窓口協会');
  });
});

describe(emailDomain.name, () => {
  it('returns an organization’s domain', () => {
    expect(emailDomain('Tanaka@Example.co.jp')).toBe('example.co.jp');
  });

  it('ignores free mail and malformed addresses', () => {
    expect(emailDomain('someone@gmail.com')).toBeNull();
    expect(emailDomain('someone@docomo.ne.jp')).toBeNull();
    expect(emailDomain('nobody')).toBeNull();
    expect(emailDomain('@example.jp')).toBeNull();
  });
});

describe(searchWords.name, () => {
  it('splits on any space, full-width too, after normalising', () => {
    expect(searchWords(' テレワーク　商事  ＶＰＮ ')).toEqual(['テレワーク', '商事', 'vpn']);
    expect(searchWords('ｸﾗｳﾄﾞ')).toEqual(['クラウド']);
  });

  it('drops repeats and answers nothing for blanks', () => {
    expect(searchWords('vpn VPN')).toEqual(['vpn']);
    expect(searchWords(' 　')).toEqual([]);
  });

  it('leaves out legal forms however written, unless nothing else was typed', () => {
    expect(searchWords('㈱テレワーク')).toEqual(['テレワーク']);
    expect(searchWords('（株）テレワーク 商事')).toEqual(['テレワーク', '商事']);
    expect(searchWords('テレワーク株式会社')).toEqual(['テレワーク']);
    expect(searchWords('株式会社')).toEqual(['株式会社']);
  });
});

describe(searchPhrase.name, () => {
  it('normalises and leaves out legal forms', () => {
    expect(searchPhrase('㈱ﾃﾚﾜｰｸ')).toBe('テレワーク');
    expect(searchPhrase('(株)テレワーク商事')).toBe('テレワーク商事');
    expect(searchPhrase('有限会社')).toBe('有限会社');
  });
});

describe(caseSearchText.name, () => {
  it('holds the number, subject and description, normalised and kept apart', () => {
    expect(
      caseSearchText({
        number: '2026-000123',
        subject: 'ＶＰＮの相談',
        description: 'ｸﾗｳﾄﾞ\n移行',
      }),
    ).toBe('2026-000123 vpnノ相談 クラウド 移行');
  });
});
