/** JSIC (日本標準産業分類, 14th revision) major groups. */
export const INDUSTRIES = [
  { code: 'A', labelJa: '農業,林業', labelEn: 'Agriculture and forestry' },
  { code: 'B', labelJa: '漁業', labelEn: 'Fisheries' },
  { code: 'C', labelJa: '鉱業,採石業,砂利採取業', labelEn: 'Mining and quarrying' },
  { code: 'D', labelJa: '建設業', labelEn: 'Construction' },
  { code: 'E', labelJa: '製造業', labelEn: 'Manufacturing' },
  { code: 'F', labelJa: '電気・ガス・熱供給・水道業', labelEn: 'Electricity, gas, heat and water' },
  { code: 'G', labelJa: '情報通信業', labelEn: 'Information and communications' },
  { code: 'H', labelJa: '運輸業,郵便業', labelEn: 'Transport and postal services' },
  { code: 'I', labelJa: '卸売業,小売業', labelEn: 'Wholesale and retail trade' },
  { code: 'J', labelJa: '金融業,保険業', labelEn: 'Finance and insurance' },
  { code: 'K', labelJa: '不動産業,物品賃貸業', labelEn: 'Real estate and goods rental' },
  {
    code: 'L',
    labelJa: '学術研究,専門・技術サービス業',
    labelEn: 'Scientific research, professional and technical services',
  },
  {
    code: 'M',
    labelJa: '宿泊業,飲食サービス業',
    labelEn: 'Accommodation, eating and drinking services',
  },
  {
    code: 'N',
    labelJa: '生活関連サービス業,娯楽業',
    labelEn: 'Living-related and personal services, amusement',
  },
  { code: 'O', labelJa: '教育,学習支援業', labelEn: 'Education and learning support' },
  { code: 'P', labelJa: '医療,福祉', labelEn: 'Medical, health care and welfare' },
  { code: 'Q', labelJa: '複合サービス事業', labelEn: 'Compound services' },
  { code: 'R', labelJa: 'サービス業(他に分類されないもの)', labelEn: 'Services, n.e.c.' },
  { code: 'S', labelJa: '公務', labelEn: 'Government' },
  { code: 'T', labelJa: '分類不能の産業', labelEn: 'Industries unable to classify' },
] as const;

export type IndustryCode = (typeof INDUSTRIES)[number]['code'];

/** The sectors of the SME Basic Act (中小企業基本法 art. 2), which set the thresholds. */
export const SME_SECTORS = ['manufacturing_other', 'wholesale', 'retail', 'services'] as const;
export type SmeSector = (typeof SME_SECTORS)[number];

const CODES = new Set<string>(INDUSTRIES.map((i) => i.code));

export const isIndustryCode = (code: string): code is IndustryCode => CODES.has(code);

/** The JSIC middle groups (two digits) of each major group, first and last inclusive. */
export const JSIC_MIDDLE_GROUPS: Readonly<
  Record<IndustryCode, readonly [first: number, last: number]>
> = {
  A: [1, 2],
  B: [3, 4],
  C: [5, 5],
  D: [6, 8],
  E: [9, 32],
  F: [33, 36],
  G: [37, 41],
  H: [42, 49],
  I: [50, 61],
  J: [62, 67],
  K: [68, 70],
  L: [71, 74],
  M: [75, 77],
  N: [78, 80],
  O: [81, 82],
  P: [83, 85],
  Q: [86, 87],
  R: [88, 96],
  S: [97, 98],
  T: [99, 99],
};

/**
 * Whether `subcode` is a JSIC middle group (2 digits) or minor group (3 digits) of the major
 * group `industryCode`. A minor group is checked by its middle group only: the last digit is
 * not looked up in the full list of minor groups.
 */
export function isIndustrySubcodeOf(industryCode: string, subcode: string): boolean {
  if (!isIndustryCode(industryCode) || !/^[0-9]{2,3}$/.test(subcode)) {
    return false;
  }
  const middle = Number(subcode.slice(0, 2));
  const [first, last] = JSIC_MIDDLE_GROUPS[industryCode];
  return middle >= first && middle <= last;
}

// Minor groups of G 41 (video, sound, advertising production and their support) that the SME
// Agency counts as services; 413 newspapers and 414 publishing stay "manufacturing and others".
const G41_SERVICES = new Set([411, 412, 415, 416]);

/**
 * The sector of a middle group, or of a minor group when `minor` is given; `null` when the
 * middle group holds several sectors and the minor group is unknown (G 41, K 69, N 79).
 * DOMAIN.md, "Which sector", read literally: what it does not name is manufacturing and others.
 */
function sectorOfGroup(
  major: IndustryCode,
  middle: number,
  minor: number | null,
): SmeSector | null {
  const byMinor = (decide: (minor: number) => SmeSector): SmeSector | null =>
    minor === null ? null : decide(minor);
  switch (major) {
    case 'I':
      return middle <= 55 ? 'wholesale' : 'retail';
    case 'M':
      // 75 lodging; 76 restaurants and 77 take-out count as retail.
      return middle === 75 ? 'services' : 'retail';
    case 'G':
      if (middle === 38 || middle === 39) {
        return 'services';
      }
      return middle === 41
        ? byMinor((m) => (G41_SERVICES.has(m) ? 'services' : 'manufacturing_other'))
        : 'manufacturing_other';
    case 'K':
      if (middle === 70) {
        return 'services';
      }
      // 693 parking is a service; the rest of 69 and 68 are real estate.
      return middle === 69
        ? byMinor((m) => (m === 693 ? 'services' : 'manufacturing_other'))
        : 'manufacturing_other';
    case 'N':
      // Travel agencies (791) are the one part of N outside services.
      return middle === 79
        ? byMinor((m) => (m === 791 ? 'manufacturing_other' : 'services'))
        : 'services';
    case 'L':
    case 'O':
    case 'P':
    case 'Q':
    case 'R':
      return 'services';
    case 'A':
    case 'B':
    case 'C':
    case 'D':
    case 'E':
    case 'F':
    case 'H':
    case 'J':
    case 'S':
    case 'T':
      return 'manufacturing_other';
  }
}

const inOrder = (sectors: Set<SmeSector>): SmeSector[] => SME_SECTORS.filter((s) => sectors.has(s));

/**
 * Every SME-law sector an organization may be in, read from the finest JSIC code known: one
 * sector when the code decides it, several when it does not (e.g. I alone: wholesale or retail),
 * none when the major group is unknown. A subcode outside the major group is ignored.
 */
export function possibleSmeSectors(
  industryCode: string | null | undefined,
  industrySubcode?: string | null,
): SmeSector[] {
  if (!industryCode || !isIndustryCode(industryCode)) {
    return [];
  }
  const sectors = new Set<SmeSector>();
  const addMiddle = (middle: number): void => {
    const sector = sectorOfGroup(industryCode, middle, null);
    if (sector) {
      sectors.add(sector);
      return;
    }
    for (let digit = 0; digit <= 9; digit += 1) {
      sectors.add(sectorOfGroup(industryCode, middle, middle * 10 + digit)!);
    }
  };
  if (industrySubcode && isIndustrySubcodeOf(industryCode, industrySubcode)) {
    const middle = Number(industrySubcode.slice(0, 2));
    if (industrySubcode.length === 3) {
      sectors.add(sectorOfGroup(industryCode, middle, Number(industrySubcode))!);
    } else {
      addMiddle(middle);
    }
    return inOrder(sectors);
  }
  const [first, last] = JSIC_MIDDLE_GROUPS[industryCode];
  for (let middle = first; middle <= last; middle += 1) {
    addMiddle(middle);
  }
  return inOrder(sectors);
}

/** The SME-law sector when the codes decide it; `null` when unknown or still ambiguous. */
export function smeSectorOfIndustry(
  industryCode: string | null | undefined,
  industrySubcode?: string | null,
): SmeSector | null {
  const sectors = possibleSmeSectors(industryCode, industrySubcode);
  return sectors.length === 1 ? sectors[0]! : null;
}

export interface IndustrySubgroup {
  /** JSIC middle group (2 digits) or minor group (3 digits). */
  code: string;
  major: IndustryCode;
  labelJa: string;
  labelEn: string;
}

const SUB = (
  major: IndustryCode,
  code: string,
  labelJa: string,
  labelEn: string,
): IndustrySubgroup => ({
  code,
  major,
  labelJa,
  labelEn,
});

/**
 * The finer JSIC codes of the major groups whose SME sector is mixed (G, I, K, M, N): the middle
 * groups, and in G 41, K 69 and N 79 the minor groups, which are where the sector changes.
 */
export const INDUSTRY_SUBGROUPS: readonly IndustrySubgroup[] = [
  SUB('G', '37', '通信業', 'Telecommunications'),
  SUB('G', '38', '放送業', 'Broadcasting'),
  SUB('G', '39', '情報サービス業', 'Information services'),
  SUB('G', '40', 'インターネット附随サービス業', 'Internet-based services'),
  SUB('G', '41', '映像・音声・文字情報制作業', 'Video, sound and text production'),
  SUB('G', '411', '映像情報制作・配給業', 'Video production and distribution'),
  SUB('G', '412', '音声情報制作業', 'Sound production'),
  SUB('G', '413', '新聞業', 'Newspapers'),
  SUB('G', '414', '出版業', 'Publishing'),
  SUB('G', '415', '広告制作業', 'Advertising production'),
  SUB(
    'G',
    '416',
    '映像・音声・文字情報制作に附帯するサービス業',
    'Services incidental to video, sound and text production',
  ),
  SUB('I', '50', '各種商品卸売業', 'Wholesale, general merchandise'),
  SUB('I', '51', '繊維・衣服等卸売業', 'Wholesale, textiles and clothing'),
  SUB('I', '52', '飲食料品卸売業', 'Wholesale, food and beverages'),
  SUB(
    'I',
    '53',
    '建築材料,鉱物・金属材料等卸売業',
    'Wholesale, building materials, minerals and metals',
  ),
  SUB('I', '54', '機械器具卸売業', 'Wholesale, machinery and equipment'),
  SUB('I', '55', 'その他の卸売業', 'Miscellaneous wholesale'),
  SUB('I', '56', '各種商品小売業', 'Retail, general merchandise'),
  SUB('I', '57', '織物・衣服・身の回り品小売業', 'Retail, dry goods, clothing and accessories'),
  SUB('I', '58', '飲食料品小売業', 'Retail, food and beverages'),
  SUB('I', '59', '機械器具小売業', 'Retail, machinery and equipment'),
  SUB('I', '60', 'その他の小売業', 'Miscellaneous retail'),
  SUB('I', '61', '無店舗小売業', 'Non-store retail'),
  SUB('K', '68', '不動産取引業', 'Real estate agencies'),
  SUB('K', '69', '不動産賃貸業・管理業', 'Real estate lessors and managers'),
  SUB(
    'K',
    '691',
    '不動産賃貸業(貸家業,貸間業を除く)',
    'Real estate lessors (except house and room lessors)',
  ),
  SUB('K', '692', '貸家業,貸間業', 'House and room lessors'),
  SUB('K', '693', '駐車場業', 'Parking'),
  SUB('K', '694', '不動産管理業', 'Real estate management'),
  SUB('K', '70', '物品賃貸業', 'Goods rental and leasing'),
  SUB('M', '75', '宿泊業', 'Accommodation'),
  SUB('M', '76', '飲食店', 'Eating and drinking places'),
  SUB('M', '77', '持ち帰り・配達飲食サービス業', 'Take-out and delivery food services'),
  SUB('N', '78', '洗濯・理容・美容・浴場業', 'Laundry, beauty and bath services'),
  SUB(
    'N',
    '79',
    'その他の生活関連サービス業',
    'Miscellaneous living-related and personal services',
  ),
  SUB('N', '791', '旅行業', 'Travel agencies'),
  SUB('N', '792', '家事サービス業', 'Domestic services'),
  SUB('N', '793', '衣服裁縫修理業', 'Clothing repair'),
  SUB('N', '794', '物品預り業', 'Goods storage'),
  SUB('N', '795', '火葬・墓地管理業', 'Crematories and cemetery management'),
  SUB('N', '796', '冠婚葬祭業', 'Ceremonial occasions'),
  SUB(
    'N',
    '799',
    '他に分類されない生活関連サービス業',
    'Living-related and personal services, n.e.c.',
  ),
  SUB('N', '80', '娯楽業', 'Amusement and recreation services'),
];

/**
 * The finer codes to offer for a major group, each of which decides the SME sector: middle
 * groups, with G 41, K 69 and N 79 replaced by their minor groups. Empty for major groups whose
 * sector the major group alone decides.
 */
export function industrySubcodeChoices(
  industryCode: string | null | undefined,
): IndustrySubgroup[] {
  return INDUSTRY_SUBGROUPS.filter(
    (g) => g.major === industryCode && smeSectorOfIndustry(g.major, g.code) !== null,
  );
}
