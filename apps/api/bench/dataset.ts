import {
  CASE_OUTCOMES,
  type CaseStatus,
  CHANNELS,
  corporateNumberCheckDigit,
  PREFECTURES,
  TOPICS,
} from '@madoguchi/domain';
import { randomBytes } from 'node:crypto';
import { derivedFields } from '../src/modules/organizations/organization-search';

/**
 * Synthetic but realistic data for the cases benchmark: Japanese organization names and readings,
 * prefectures weighted to Tokyo and Osaka, the desks' channel mix, statuses that follow a case's age.
 * Everything derived (normalised name, search text, SME flag) goes through the API's own functions.
 */

/** mulberry32: small, fast and deterministic, so a given scale always yields the same dataset. */
export type Random = () => number;
export function seededRandom(seed: number): Random {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: Random, items: readonly T[]): T => {
  if (items.length === 0) {
    throw new RangeError('pick from an empty list');
  }
  return items[Math.floor(rnd() * items.length)] as T;
};

export const between = (rnd: Random, min: number, max: number): number =>
  min + Math.floor(rnd() * (max - min + 1));

/** Picks by weight in O(log n); build once, call millions of times. */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (rnd: Random) => T {
  const values = entries.map(([value]) => value);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of entries) {
    total += weight;
    cumulative.push(total);
  }
  return (rnd) => {
    const target = rnd() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! <= target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return values[lo]!;
  };
}

/** A random v4 UUID; faster than crypto.randomUUID() one by one for millions of rows. */
export function uuidFactory(): () => string {
  let pool = randomBytes(16 * 4096);
  let offset = 0;
  return () => {
    if (offset >= pool.length) {
      pool = randomBytes(16 * 4096);
      offset = 0;
    }
    const b = pool.subarray(offset, offset + 16);
    offset += 16;
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

// ---------------------------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------------------------

/** Roughly the share of business establishments: Tokyo and Osaka dominate the desks' caseload. */
const PREFECTURE_WEIGHTS: Record<string, number> = {
  '13': 22,
  '27': 10,
  '14': 6,
  '23': 7,
  '11': 4,
  '12': 3.5,
  '28': 3.5,
  '40': 4,
  '01': 3.5,
  '26': 2.5,
  '22': 2.5,
  '34': 2,
  '04': 1.8,
};
export const pickPrefecture = weighted(
  PREFECTURES.map((p) => [p.code, PREFECTURE_WEIGHTS[p.code] ?? 0.7] as const),
);

const PREFECTURE_KANA: Record<string, string> = {
  '01': 'ホッカイドウ',
  '02': 'アオモリ',
  '03': 'イワテ',
  '04': 'ミヤギ',
  '05': 'アキタ',
  '06': 'ヤマガタ',
  '07': 'フクシマ',
  '08': 'イバラキ',
  '09': 'トチギ',
  '10': 'グンマ',
  '11': 'サイタマ',
  '12': 'チバ',
  '13': 'トウキョウ',
  '14': 'カナガワ',
  '15': 'ニイガタ',
  '16': 'トヤマ',
  '17': 'イシカワ',
  '18': 'フクイ',
  '19': 'ヤマナシ',
  '20': 'ナガノ',
  '21': 'ギフ',
  '22': 'シズオカ',
  '23': 'アイチ',
  '24': 'ミエ',
  '25': 'シガ',
  '26': 'キョウト',
  '27': 'オオサカ',
  '28': 'ヒョウゴ',
  '29': 'ナラ',
  '30': 'ワカヤマ',
  '31': 'トットリ',
  '32': 'シマネ',
  '33': 'オカヤマ',
  '34': 'ヒロシマ',
  '35': 'ヤマグチ',
  '36': 'トクシマ',
  '37': 'カガワ',
  '38': 'エヒメ',
  '39': 'コウチ',
  '40': 'フクオカ',
  '41': 'サガ',
  '42': 'ナガサキ',
  '43': 'クマモト',
  '44': 'オオイタ',
  '45': 'ミヤザキ',
  '46': 'カゴシマ',
  '47': 'オキナワ',
};

/** Place names that prefix an organization's name, by prefecture; others use the prefecture. */
const PLACES: Record<string, readonly (readonly [string, string])[]> = {
  '13': [
    ['東京', 'トウキョウ'],
    ['丸の内', 'マルノウチ'],
    ['渋谷', 'シブヤ'],
    ['新宿', 'シンジュク'],
    ['品川', 'シナガワ'],
    ['日本橋', 'ニホンバシ'],
    ['銀座', 'ギンザ'],
    ['池袋', 'イケブクロ'],
    ['八王子', 'ハチオウジ'],
    ['多摩', 'タマ'],
  ],
  '27': [
    ['大阪', 'オオサカ'],
    ['浪速', 'ナニワ'],
    ['難波', 'ナンバ'],
    ['梅田', 'ウメダ'],
    ['堺', 'サカイ'],
    ['北浜', 'キタハマ'],
    ['船場', 'センバ'],
  ],
  '14': [
    ['横浜', 'ヨコハマ'],
    ['川崎', 'カワサキ'],
    ['湘南', 'ショウナン'],
    ['相模', 'サガミ'],
  ],
  '23': [
    ['名古屋', 'ナゴヤ'],
    ['中部', 'チュウブ'],
    ['尾張', 'オワリ'],
    ['三河', 'ミカワ'],
    ['豊橋', 'トヨハシ'],
  ],
  '40': [
    ['福岡', 'フクオカ'],
    ['博多', 'ハカタ'],
    ['北九州', 'キタキュウシュウ'],
    ['筑紫', 'チクシ'],
  ],
  '01': [
    ['札幌', 'サッポロ'],
    ['北海道', 'ホッカイドウ'],
    ['旭川', 'アサヒカワ'],
  ],
  '28': [
    ['神戸', 'コウベ'],
    ['阪神', 'ハンシン'],
    ['姫路', 'ヒメジ'],
  ],
  '26': [
    ['京都', 'キョウト'],
    ['洛北', 'ラクホク'],
  ],
  '04': [['仙台', 'センダイ']],
  '34': [['広島', 'ヒロシマ']],
  '22': [
    ['静岡', 'シズオカ'],
    ['浜松', 'ハママツ'],
  ],
};

const placeOf = (rnd: Random, prefecture: string): readonly [string, string] => {
  const places = PLACES[prefecture];
  if (places) {
    return pick(rnd, places);
  }
  const name = PREFECTURES.find((p) => p.code === prefecture)!.nameJa.replace(/[都道府県]$/, '');
  return [name, PREFECTURE_KANA[prefecture] ?? 'ニホン'];
};

const STEMS: readonly (readonly [string, string])[] = [
  ['山田', 'ヤマダ'],
  ['東邦', 'トウホウ'],
  ['大和', 'ダイワ'],
  ['日本', 'ニホン'],
  ['東洋', 'トウヨウ'],
  ['中央', 'チュウオウ'],
  ['三和', 'サンワ'],
  ['丸善', 'マルゼン'],
  ['富士', 'フジ'],
  ['共栄', 'キョウエイ'],
  ['平和', 'ヘイワ'],
  ['協和', 'キョウワ'],
  ['昭和', 'ショウワ'],
  ['大成', 'タイセイ'],
  ['旭', 'アサヒ'],
  ['太陽', 'タイヨウ'],
  ['光', 'ヒカリ'],
  ['新日本', 'シンニホン'],
  ['北斗', 'ホクト'],
  ['明治', 'メイジ'],
  ['大同', 'ダイドウ'],
  ['関西', 'カンサイ'],
  ['東海', 'トウカイ'],
  ['三栄', 'サンエイ'],
  ['日進', 'ニッシン'],
  ['松本', 'マツモト'],
  ['田中', 'タナカ'],
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['高橋', 'タカハシ'],
  ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'],
  ['山本', 'ヤマモト'],
  ['森', 'モリ'],
  ['池田', 'イケダ'],
  ['橋本', 'ハシモト'],
  ['石川', 'イシカワ'],
  ['前田', 'マエダ'],
  ['藤田', 'フジタ'],
  ['岡田', 'オカダ'],
  ['青木', 'アオキ'],
  ['村上', 'ムラカミ'],
  ['近藤', 'コンドウ'],
  ['坂本', 'サカモト'],
  ['西村', 'ニシムラ'],
  ['福田', 'フクダ'],
  ['太田', 'オオタ'],
  ['三浦', 'ミウラ'],
  ['藤井', 'フジイ'],
  ['岡本', 'オカモト'],
  ['中川', 'ナカガワ'],
  ['原田', 'ハラダ'],
  ['小野', 'オノ'],
  ['竹内', 'タケウチ'],
  ['和田', 'ワダ'],
  ['中島', 'ナカジマ'],
  ['丸山', 'マルヤマ'],
  ['今井', 'イマイ'],
  ['高木', 'タカギ'],
  ['武田', 'タケダ'],
  ['上田', 'ウエダ'],
  ['杉山', 'スギヤマ'],
  ['村田', 'ムラタ'],
  ['野口', 'ノグチ'],
  ['菊地', 'キクチ'],
  ['大塚', 'オオツカ'],
  ['平野', 'ヒラノ'],
  ['あおば', 'アオバ'],
  ['さくら', 'サクラ'],
  ['みらい', 'ミライ'],
  ['ひまわり', 'ヒマワリ'],
  ['つばさ', 'ツバサ'],
  ['テレワーク', 'テレワーク'],
  ['グローバル', 'グローバル'],
  ['ネクスト', 'ネクスト'],
  ['アクア', 'アクア'],
  ['サンライズ', 'サンライズ'],
  ['ＡＢＣ', 'エービーシー'],
  ['ＮＴＫ', 'エヌティーケー'],
];

/** Trade words with their reading, JSIC group, weight and a romanised form for mail domains. */
const TRADES: readonly (readonly [string, string, string, number, string])[] = [
  ['商事', 'ショウジ', 'I', 10, 'shoji'],
  ['工業', 'コウギョウ', 'E', 8, 'kogyo'],
  ['製作所', 'セイサクショ', 'E', 6, 'ss'],
  ['建設', 'ケンセツ', 'D', 7, 'kensetsu'],
  ['食品', 'ショクヒン', 'E', 4, 'foods'],
  ['物産', 'ブッサン', 'I', 3, 'bussan'],
  ['商店', 'ショウテン', 'I', 4, 'shoten'],
  ['電機', 'デンキ', 'E', 3, 'denki'],
  ['精機', 'セイキ', 'E', 2, 'seiki'],
  ['化学', 'カガク', 'E', 1, 'chem'],
  ['印刷', 'インサツ', 'E', 2, 'print'],
  ['運輸', 'ウンユ', 'H', 3, 'unyu'],
  ['運送', 'ウンソウ', 'H', 2, 'unso'],
  ['倉庫', 'ソウコ', 'H', 1, 'soko'],
  ['不動産', 'フドウサン', 'K', 4, 'estate'],
  ['住宅', 'ジュウタク', 'K', 2, 'jutaku'],
  ['設計', 'セッケイ', 'L', 2, 'sekkei'],
  ['会計事務所', 'カイケイジムショ', 'L', 2, 'kaikei'],
  ['システム', 'システム', 'G', 4, 'system'],
  ['ソフトウェア', 'ソフトウェア', 'G', 2, 'soft'],
  ['情報サービス', 'ジョウホウサービス', 'G', 2, 'info'],
  ['通信', 'ツウシン', 'G', 1, 'tsushin'],
  ['ホテル', 'ホテル', 'M', 1, 'hotel'],
  ['旅館', 'リョカン', 'M', 1, 'ryokan'],
  ['フーズ', 'フーズ', 'M', 2, 'foods'],
  ['薬局', 'ヤッキョク', 'I', 1, 'pharmacy'],
  ['美容室', 'ビヨウシツ', 'N', 1, 'salon'],
  ['クリーニング', 'クリーニング', 'N', 1, 'clean'],
  ['学習塾', 'ガクシュウジュク', 'O', 1, 'juku'],
  ['介護サービス', 'カイゴサービス', 'P', 2, 'kaigo'],
  ['サービス', 'サービス', 'R', 3, 'service'],
  ['保険代理店', 'ホケンダイリテン', 'J', 1, 'hoken'],
];
const pickTrade = weighted(TRADES.map((t) => [t, t[3]] as const));

const LEGAL_FORMS = weighted([
  [['株式会社', 'prefix'], 45],
  [['株式会社', 'suffix'], 22],
  [['有限会社', 'prefix'], 15],
  [['合同会社', 'suffix'], 5],
  [['一般社団法人', 'prefix'], 2],
  [['', 'none'], 11],
] as const);

const TOWNS: Record<string, readonly string[]> = {
  '13': [
    '千代田区',
    '中央区',
    '港区',
    '新宿区',
    '渋谷区',
    '品川区',
    '大田区',
    '世田谷区',
    '豊島区',
  ],
  '27': ['大阪市北区', '大阪市中央区', '大阪市西区', '堺市堺区', '東大阪市', '吹田市'],
};
const GENERIC_TOWNS = ['中央町', '本町', '栄町', '緑町', '旭町', '錦町', '駅前', '東町', '西町'];

/** Area codes by prefecture (the capital's), as E.164 digits without the leading 0. */
const AREA_CODES: Record<string, string> = {
  '13': '3',
  '27': '6',
  '14': '45',
  '23': '52',
  '40': '92',
  '01': '11',
  '26': '75',
  '28': '78',
  '04': '22',
  '34': '82',
  '11': '48',
  '12': '43',
  '22': '54',
};

const digits = (rnd: Random, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i += 1) {
    s += String(Math.floor(rnd() * 10));
  }
  return s;
};

/** A landline in E.164 (+81…): 10 national digits, first subscriber digit 2–9. */
export function landline(rnd: Random, prefecture: string): string {
  const area = AREA_CODES[prefecture] ?? pick(rnd, ['45', '52', '92', '11', '22', '82']);
  // 011-4… and 011-9… are not Sapporo numbers in the numbering plan, which intake checks.
  const first = area === '11' ? pick(rnd, [2, 3, 5, 6, 7, 8]) : between(rnd, 2, 9);
  return `+81${area}${first}${digits(rnd, 8 - area.length)}`;
}

/** A mobile number in E.164: 090/080/070 + 8 digits. */
export function mobile(rnd: Random): string {
  return `+81${pick(rnd, ['90', '80', '70'])}${between(rnd, 1, 9)}${digits(rnd, 7)}`;
}

/** 03-1234-5678 style, as staff type it into the intake form. */
export function domestic(e164: string): string {
  const national = `0${e164.slice(3)}`;
  if (national.startsWith('03') || national.startsWith('06')) {
    return `${national.slice(0, 2)}-${national.slice(2, 6)}-${national.slice(6)}`;
  }
  return `${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`;
}

export interface OrganizationSeed {
  name: string;
  nameKana: string;
  corporateNumber: string | null;
  prefectureCode: string;
  address: string;
  industryCode: string;
  employees: number;
  capitalYen: number | null;
  teleworkStatus: string;
  chamberMember: boolean;
  phone: string | null;
  /** Romanised domain for contact mail addresses. */
  domain: string;
}

/**
 * One organization. `serial` makes the corporate number unique (a bijection onto 12-digit bases);
 * pass null for a random one (intake of a new organization during the benchmark).
 */
export function makeOrganization(rnd: Random, serial: number | null): OrganizationSeed {
  const prefectureCode = pickPrefecture(rnd);
  const prefecture = PREFECTURES.find((p) => p.code === prefectureCode)!;
  const [trade, tradeKana, industryCode, , tradeRoman] = pickTrade(rnd);
  const [stem, stemKana] = pick(rnd, STEMS);
  const [place, placeKana] = rnd() < 0.3 ? placeOf(rnd, prefectureCode) : ['', ''];
  const core = `${place}${stem}${trade}`;
  const [form, position] = LEGAL_FORMS(rnd);
  const name =
    position === 'prefix' ? `${form}${core}` : position === 'suffix' ? `${core}${form}` : core;
  const employees = Math.max(1, Math.round(Math.exp(rnd() * rnd() * 8)));
  const capitalYen =
    position === 'none' ? null : Math.round(employees * (1 + rnd() * 4)) * 1_000_000;
  const base = serial === null ? digits(rnd, 12) : String(100_003_000_001 + serial * 7919);
  const corporateNumber =
    position !== 'none' && rnd() < 0.85 ? `${corporateNumberCheckDigit(base)}${base}` : null;
  const towns = TOWNS[prefectureCode] ?? GENERIC_TOWNS;
  const address = `${prefecture.nameJa}${pick(rnd, towns)}${between(rnd, 1, 5)}丁目${between(rnd, 1, 30)}-${between(rnd, 1, 20)}`;
  return {
    name,
    nameKana: `${placeKana}${stemKana}${tradeKana}`,
    corporateNumber,
    prefectureCode,
    address,
    industryCode,
    employees,
    capitalYen,
    teleworkStatus: pick(rnd, ['not_started', 'not_started', 'trial', 'partial', 'adopted']),
    chamberMember: rnd() < 0.35,
    phone: rnd() < 0.9 ? landline(rnd, prefectureCode) : null,
    domain: `${tradeRoman}-${(serial ?? Math.floor(rnd() * 1e9)).toString(36)}.co.jp`,
  };
}

/** The columns the API derives (normalised name, search text, SME flag), computed as it does. */
export function derivedOf(o: OrganizationSeed, contactPhones: (string | null)[]) {
  return derivedFields({
    name: o.name,
    nameKana: o.nameKana,
    corporateNumber: o.corporateNumber,
    industryCode: o.industryCode,
    smeSector: null,
    employees: o.employees,
    capitalYen: o.capitalYen,
    phones: [o.phone, ...contactPhones],
  });
}

// ---------------------------------------------------------------------------------------------
// Contacts
// ---------------------------------------------------------------------------------------------

const SURNAMES: readonly (readonly [string, string, string])[] = [
  ['佐藤', 'サトウ', 'sato'],
  ['鈴木', 'スズキ', 'suzuki'],
  ['高橋', 'タカハシ', 'takahashi'],
  ['田中', 'タナカ', 'tanaka'],
  ['伊藤', 'イトウ', 'ito'],
  ['渡辺', 'ワタナベ', 'watanabe'],
  ['山本', 'ヤマモト', 'yamamoto'],
  ['中村', 'ナカムラ', 'nakamura'],
  ['小林', 'コバヤシ', 'kobayashi'],
  ['加藤', 'カトウ', 'kato'],
  ['吉田', 'ヨシダ', 'yoshida'],
  ['山田', 'ヤマダ', 'yamada'],
  ['佐々木', 'ササキ', 'sasaki'],
  ['松本', 'マツモト', 'matsumoto'],
  ['井上', 'イノウエ', 'inoue'],
  ['木村', 'キムラ', 'kimura'],
  ['林', 'ハヤシ', 'hayashi'],
  ['清水', 'シミズ', 'shimizu'],
];
const GIVEN: readonly (readonly [string, string, string])[] = [
  ['一郎', 'イチロウ', 'ichiro'],
  ['花子', 'ハナコ', 'hanako'],
  ['健', 'ケン', 'ken'],
  ['美咲', 'ミサキ', 'misaki'],
  ['大輔', 'ダイスケ', 'daisuke'],
  ['陽子', 'ヨウコ', 'yoko'],
  ['翔太', 'ショウタ', 'shota'],
  ['真由美', 'マユミ', 'mayumi'],
  ['誠', 'マコト', 'makoto'],
  ['由紀', 'ユキ', 'yuki'],
  ['直樹', 'ナオキ', 'naoki'],
  ['恵', 'メグミ', 'megumi'],
];
const TITLES = ['代表取締役', '総務部長', '人事課長', '情報システム担当', '事務長', '店長', null];
const FREE_MAIL = ['gmail.com', 'yahoo.co.jp', 'outlook.jp'];

export interface ContactSeed {
  name: string;
  nameKana: string;
  title: string | null;
  phone: string | null;
  email: string | null;
}

export function makeContact(rnd: Random, domain: string): ContactSeed {
  const [surname, surnameKana, surnameRoman] = pick(rnd, SURNAMES);
  const [given, givenKana, givenRoman] = pick(rnd, GIVEN);
  const r = rnd();
  return {
    name: `${surname} ${given}`,
    nameKana: `${surnameKana} ${givenKana}`,
    title: pick(rnd, TITLES),
    phone: rnd() < 0.5 ? mobile(rnd) : null,
    email:
      r < 0.75
        ? `${givenRoman}.${surnameRoman}@${domain}`
        : r < 0.9
          ? `${surnameRoman}${between(rnd, 1, 999)}@${pick(rnd, FREE_MAIL)}`
          : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

const SUBJECTS: Record<string, readonly string[]> = {
  'LAB.RULES': ['テレワーク規程の作り方について', '在宅勤務の対象者の決め方'],
  'LAB.TIME': ['在宅勤務中の労働時間管理と中抜けの扱い', 'テレワーク時の残業の把握方法'],
  'LAB.EVAL': ['テレワーク社員の人事評価', '在宅勤務者の評価制度の見直し'],
  'LAB.COST': ['通信費・光熱費の負担ルール', '在宅勤務手当の決め方'],
  'LAB.HRD': ['オンラインでの新人研修', 'リモートでのOJTの進め方'],
  'LAB.COMM': ['チャットと会議のルール作り', '在宅勤務でのコミュニケーション不足'],
  'LAB.OSH': ['在宅勤務者のメンタルヘルス対策', '自宅の作業環境の確認方法'],
  'LAB.ACCIDENT': ['自宅での労災の考え方', '在宅勤務中の事故と労災認定'],
  'LAB.HARASS': ['リモートハラスメントへの対応', 'Web会議でのハラスメント相談'],
  'LAB.SUBSIDY': ['人材確保等支援助成金(テレワークコース)の申請', '助成金の支給要件の確認'],
  'ICT.METHOD': ['VPNとリモートデスクトップのどちらを選ぶか', 'クラウド型とVDIの比較'],
  'ICT.SEC': ['中小企業向けセキュリティチェックリストの活用', '情報漏えい対策について'],
  'ICT.DEVICE': ['BYODを認めてよいか', 'シンクライアント端末の導入'],
  'ICT.NET': ['自宅回線の品質とモバイルルーター', '社外Wi-Fi利用時の注意点'],
  'ICT.COLLAB': ['Web会議ツールの選定', 'バーチャルオフィスの導入'],
  'ICT.PAPER': ['押印のペーパーレス化', '電子契約の導入について'],
  'ICT.PHONE': ['代表電話のクラウドPBX化', '在宅での電話取次ぎ'],
  'ICT.ATTEND': ['勤怠管理システムの導入', 'PCログによる勤務時間の把握'],
};

const OPENINGS = [
  '従業員{n}名の会社です。',
  '{n}名規模の事業所で、',
  '社長からの電話。従業員は{n}名。',
  'ホームページのフォームからのご相談。',
  '以前セミナーに参加された企業様。',
];
const ASKS = [
  '今年度中にテレワークを始めたいが、何から手を付ければよいか分からない。',
  '一部の部署で在宅勤務を試行しているが、ルールが整っていない。',
  '取引先からテレワーク対応を求められている。',
  '育児・介護中の社員のために在宅勤務を導入したい。',
  '感染症対策で始めた在宅勤務を正式な制度にしたい。',
  '採用のためにテレワーク可の求人を出したい。',
];
const WANTS = [
  '専門家の派遣を希望。',
  '資料を送ってほしいとのこと。',
  '就業規則の変更点を知りたい。',
  '助成金が使えるか確認したい。',
  '費用の目安を知りたい。',
  '',
];

export function description(rnd: Random, employees: number): string {
  return pick(rnd, OPENINGS).replace('{n}', String(employees)) + pick(rnd, ASKS) + pick(rnd, WANTS);
}

export const TOPIC_CODES = TOPICS.map((t) => t.code);
export function subjectFor(rnd: Random, topic: string): string {
  const subjects = SUBJECTS[topic] ?? ['テレワーク導入の相談'];
  const subject = pick(rnd, subjects);
  const r = rnd();
  return r < 0.05 ? `【再相談】${subject}` : r < 0.08 ? `${subject}(至急)` : subject;
}

export function topicsFor(rnd: Random): string[] {
  const count = weighted([
    [1, 60],
    [2, 30],
    [3, 10],
  ] as const)(rnd);
  const topics = new Set<string>();
  while (topics.size < count) {
    topics.add(pick(rnd, TOPIC_CODES));
  }
  return [...topics];
}

export const pickChannel = weighted<(typeof CHANNELS)[number]>([
  ['phone', 45],
  ['email', 25],
  ['web', 12],
  ['walk_in', 8],
  ['seminar', 6],
  ['chamber_referral', 4],
]);

/** Where a case stands depends on how old it is: old cases are closed, today's are new. */
const STATUS_BY_AGE: readonly (readonly [number, (rnd: Random) => CaseStatus])[] = [
  [
    3,
    weighted<CaseStatus>([
      ['new', 40],
      ['in_progress', 40],
      ['waiting_on_customer', 10],
      ['resolved', 10],
    ]),
  ],
  [
    30,
    weighted<CaseStatus>([
      ['new', 5],
      ['in_progress', 30],
      ['waiting_on_customer', 15],
      ['referred_to_expert', 15],
      ['in_sessions', 10],
      ['follow_up', 10],
      ['resolved', 10],
      ['closed', 5],
    ]),
  ],
  [
    120,
    weighted<CaseStatus>([
      ['in_progress', 8],
      ['waiting_on_customer', 5],
      ['referred_to_expert', 5],
      ['in_sessions', 12],
      ['follow_up', 20],
      ['resolved', 20],
      ['closed', 30],
    ]),
  ],
  [
    Infinity,
    weighted<CaseStatus>([
      ['closed', 96],
      ['resolved', 2],
      ['follow_up', 2],
    ]),
  ],
];
export function statusForAge(rnd: Random, ageDays: number): CaseStatus {
  return STATUS_BY_AGE.find(([limit]) => ageDays < limit)![1](rnd);
}

/** The status changes a case went through to reach where it is, following the state machine. */
export const STATUS_PATH: Record<CaseStatus, readonly CaseStatus[]> = {
  new: [],
  in_progress: ['in_progress'],
  waiting_on_customer: ['in_progress', 'waiting_on_customer'],
  referred_to_expert: ['in_progress', 'referred_to_expert'],
  in_sessions: ['in_progress', 'referred_to_expert', 'in_sessions'],
  follow_up: ['in_progress', 'referred_to_expert', 'in_sessions', 'follow_up'],
  resolved: ['in_progress', 'resolved'],
  closed: ['in_progress', 'resolved', 'closed'],
};

export const pickOutcome = weighted<(typeof CASE_OUTCOMES)[number]>([
  ['adopted', 30],
  ['planned', 25],
  ['not_adopted', 20],
  ['unknown', 25],
]);

export const NOT_ADOPTED_REASONS = [
  '業務の性質上、現時点では難しい',
  '経営者の理解が得られなかった',
  'ICT環境の整備費用が確保できない',
];

export const NOTES = [
  '折り返し電話で状況を確認。',
  'ガイドラインと規程例をメールで送付。',
  '専門家派遣の希望あり。日程を調整中。',
  '助成金の申請要件を説明。',
  '先方の検討結果待ち。',
  '社内説明用の資料がほしいとのこと。',
];
export const CALLS = [
  '担当者と電話。導入スケジュールを確認。',
  '不在のため伝言を依頼。',
  '就業規則の改定案について説明。',
];
export const EMAILS_IN = ['追加の質問メールを受信。', '検討状況の報告メールあり。'];
export const EMAILS_OUT = ['回答メールを送信。', '関連資料をメールで送付。'];

/** Bulk-load text format: tab-separated, \N for NULL, backslash escapes. */
const SPECIAL = /[\\\t\n\r]/;
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) {
    return '\\N';
  }
  if (typeof value === 'boolean') {
    return value ? 't' : 'f';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  if (!SPECIAL.test(value)) {
    return value;
  }
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

export const copyRow = (values: (string | number | boolean | null | undefined)[]): string =>
  `${values.map(copyValue).join('\t')}\n`;
