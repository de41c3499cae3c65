/** The eight-region blocks used in reports (not the desk coverage, which is data in the database). */
export const REGIONAL_BLOCKS = [
  { code: 'hokkaido', labelJa: '北海道', labelEn: 'Hokkaido' },
  { code: 'tohoku', labelJa: '東北', labelEn: 'Tohoku' },
  { code: 'kanto', labelJa: '関東', labelEn: 'Kanto' },
  { code: 'chubu', labelJa: '中部', labelEn: 'Chubu' },
  { code: 'kinki', labelJa: '近畿', labelEn: 'Kinki' },
  { code: 'chugoku', labelJa: '中国', labelEn: 'Chugoku' },
  { code: 'shikoku', labelJa: '四国', labelEn: 'Shikoku' },
  { code: 'kyushu_okinawa', labelJa: '九州・沖縄', labelEn: 'Kyushu & Okinawa' },
] as const;

export type RegionalBlock = (typeof REGIONAL_BLOCKS)[number]['code'];

export interface Prefecture {
  code: string;
  nameJa: string;
  nameEn: string;
  block: RegionalBlock;
}

const P = (code: string, nameJa: string, nameEn: string, block: RegionalBlock): Prefecture => ({
  code,
  nameJa,
  nameEn,
  block,
});

/** JIS X 0401 codes 01–47. */
export const PREFECTURES: readonly Prefecture[] = [
  P('01', '北海道', 'Hokkaido', 'hokkaido'),
  P('02', '青森県', 'Aomori', 'tohoku'),
  P('03', '岩手県', 'Iwate', 'tohoku'),
  P('04', '宮城県', 'Miyagi', 'tohoku'),
  P('05', '秋田県', 'Akita', 'tohoku'),
  P('06', '山形県', 'Yamagata', 'tohoku'),
  P('07', '福島県', 'Fukushima', 'tohoku'),
  P('08', '茨城県', 'Ibaraki', 'kanto'),
  P('09', '栃木県', 'Tochigi', 'kanto'),
  P('10', '群馬県', 'Gunma', 'kanto'),
  P('11', '埼玉県', 'Saitama', 'kanto'),
  P('12', '千葉県', 'Chiba', 'kanto'),
  P('13', '東京都', 'Tokyo', 'kanto'),
  P('14', '神奈川県', 'Kanagawa', 'kanto'),
  P('15', '新潟県', 'Niigata', 'chubu'),
  P('16', '富山県', 'Toyama', 'chubu'),
  P('17', '石川県', 'Ishikawa', 'chubu'),
  P('18', '福井県', 'Fukui', 'chubu'),
  P('19', '山梨県', 'Yamanashi', 'chubu'),
  P('20', '長野県', 'Nagano', 'chubu'),
  P('21', '岐阜県', 'Gifu', 'chubu'),
  P('22', '静岡県', 'Shizuoka', 'chubu'),
  P('23', '愛知県', 'Aichi', 'chubu'),
  P('24', '三重県', 'Mie', 'kinki'),
  P('25', '滋賀県', 'Shiga', 'kinki'),
  P('26', '京都府', 'Kyoto', 'kinki'),
  P('27', '大阪府', 'Osaka', 'kinki'),
  P('28', '兵庫県', 'Hyogo', 'kinki'),
  P('29', '奈良県', 'Nara', 'kinki'),
  P('30', '和歌山県', 'Wakayama', 'kinki'),
  P('31', '鳥取県', 'Tottori', 'chugoku'),
  P('32', '島根県', 'Shimane', 'chugoku'),
  P('33', '岡山県', 'Okayama', 'chugoku'),
  P('34', '広島県', 'Hiroshima', 'chugoku'),
  P('35', '山口県', 'Yamaguchi', 'chugoku'),
  P('36', '徳島県', 'Tokushima', 'shikoku'),
  P('37', '香川県', 'Kagawa', 'shikoku'),
  P('38', '愛媛県', 'Ehime', 'shikoku'),
  P('39', '高知県', 'Kochi', 'shikoku'),
  P('40', '福岡県', 'Fukuoka', 'kyushu_okinawa'),
  P('41', '佐賀県', 'Saga', 'kyushu_okinawa'),
  P('42', '長崎県', 'Nagasaki', 'kyushu_okinawa'),
  P('43', '熊本県', 'Kumamoto', 'kyushu_okinawa'),
  P('44', '大分県', 'Oita', 'kyushu_okinawa'),
  P('45', '宮崎県', 'Miyazaki', 'kyushu_okinawa'),
  P('46', '鹿児島県', 'Kagoshima', 'kyushu_okinawa'),
  P('47', '沖縄県', 'Okinawa', 'kyushu_okinawa'),
];

const BY_CODE = new Map(PREFECTURES.map((p) => [p.code, p]));

export const isPrefectureCode = (code: string): boolean => BY_CODE.has(code);
export const prefectureByCode = (code: string): Prefecture | undefined => BY_CODE.get(code);
export const blockOfPrefecture = (code: string): RegionalBlock | undefined =>
  BY_CODE.get(code)?.block;
