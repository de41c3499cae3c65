import {
  compareWithRegistry,
  registryAddressKey,
  registryNameKey,
  type RegisteredIdentity,
} from './registry-comparison';

const registered: RegisteredIdentity = {
  name: '株式会社テレワーク商事',
  prefectureCode: '13',
  cityName: '千代田区',
  streetNumber: '霞が関３丁目１－１',
  closeDate: null,
};

describe(compareWithRegistry.name, () => {
  it.each([
    ['the same spelling', '株式会社テレワーク商事'],
    ['the abbreviation staff type', '㈱テレワーク商事'],
    ['half-width kana and spaces', '株式会社 ﾃﾚﾜｰｸ商事'],
  ])('accepts %s of the registered name', (_label, name) => {
    expect(
      compareWithRegistry({ name, prefectureCode: '13', address: null }, registered).nameDiffers,
    ).toBe(false);
  });

  it.each([
    ['another name', '株式会社テレワーク物産'],
    ['another legal form', '合同会社テレワーク商事'],
    ['no legal form at all', 'テレワーク商事'],
  ])('flags %s', (_label, name) => {
    expect(
      compareWithRegistry({ name, prefectureCode: '13', address: null }, registered).nameDiffers,
    ).toBe(true);
  });

  it.each([
    ['with the prefecture and 丁目 written out', '東京都千代田区霞が関三丁目1番1号'],
    ['as digits and hyphens', '千代田区霞が関3-1-1'],
    ['with a building after the number', '千代田区霞が関3-1-1 中央合同庁舎4号館'],
    ['with a building after 号', '千代田区霞が関3丁目1番1号 第二ビル3F'],
  ])('accepts the registered address %s', (_label, address) => {
    expect(
      compareWithRegistry({ name: registered.name, prefectureCode: '13', address }, registered)
        .addressDiffers,
    ).toBe(false);
  });

  it.each([
    ['another street number', '千代田区霞が関3-1-12', '13'],
    ['another city', '港区霞が関3-1-1', '13'],
    ['another prefecture', null, '27'],
  ])('flags %s', (_label, address, prefectureCode) => {
    expect(
      compareWithRegistry({ name: registered.name, prefectureCode, address }, registered)
        .addressDiffers,
    ).toBe(true);
  });

  it('says nothing about an address the organization does not have', () => {
    expect(
      compareWithRegistry(
        { name: registered.name, prefectureCode: null, address: null },
        registered,
      ),
    ).toEqual({ nameDiffers: false, addressDiffers: false, closed: false });
  });

  it('flags a corporation the registry closed', () => {
    expect(
      compareWithRegistry(
        { name: registered.name, prefectureCode: null, address: null },
        { ...registered, closeDate: '2025-03-31' },
      ).closed,
    ).toBe(true);
  });
});

describe(registryAddressKey.name, () => {
  it('writes 丁目, 番 and 号 as hyphens, from kanji numerals too', () => {
    expect(registryAddressKey('霞が関二十三丁目１番地の５')).toBe('霞が関23-1-5');
    expect(registryAddressKey('本町１－２ー３')).toBe('本町1-2-3');
  });
});

describe(registryNameKey.name, () => {
  it('keeps the legal form but spells out its abbreviation', () => {
    expect(registryNameKey('（有）みらい')).toBe('有限会社みらい');
  });
});
