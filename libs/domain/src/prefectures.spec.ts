import { blockOfPrefecture, isPrefectureCode, PREFECTURES, prefectureByCode } from './prefectures';

describe('prefectures', () => {
  it('lists the 47 JIS codes in order', () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(PREFECTURES.map((p) => p.code)).toEqual(
      Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
  });

  it('validates codes', () => {
    expect(isPrefectureCode('13')).toBe(true);
    expect(isPrefectureCode('00')).toBe(false);
    expect(isPrefectureCode('48')).toBe(false);
    expect(isPrefectureCode('1')).toBe(false);
  });

  it('puts each prefecture in its eight-region block', () => {
    expect(prefectureByCode('13')?.nameJa).toBe('東京都');
    expect(blockOfPrefecture('01')).toBe('hokkaido');
    expect(blockOfPrefecture('19')).toBe('chubu'); // Yamanashi: Chubu in the eight regions
    expect(blockOfPrefecture('24')).toBe('kinki'); // Mie: Kinki in the eight regions
    expect(blockOfPrefecture('47')).toBe('kyushu_okinawa');
    expect(blockOfPrefecture('99')).toBeUndefined();
  });
});
