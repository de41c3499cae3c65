/**
 * Reference data loaded on every start (not only in demo mode). Rows are inserted when
 * missing and never overwritten, because admins may edit them afterwards.
 * Source: ../shared/DOMAIN.md (desk areas follow the MIC regional bureaus).
 */
export interface DeskSeed {
  id: string;
  kind: 'national' | 'regional';
  nameJa: string;
  nameEn: string;
  prefectures: string[];
}

const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0'));

export const DESKS: DeskSeed[] = [
  {
    id: 'national',
    kind: 'national',
    nameJa: 'テレワーク相談センター',
    nameEn: 'Telework Consultation Center',
    prefectures: [],
  },
  {
    id: 'hokkaido',
    kind: 'regional',
    nameJa: '北海道窓口',
    nameEn: 'Hokkaido desk',
    prefectures: ['01'],
  },
  {
    id: 'tohoku',
    kind: 'regional',
    nameJa: '東北窓口',
    nameEn: 'Tohoku desk',
    prefectures: range(2, 7),
  },
  {
    id: 'kanto',
    kind: 'regional',
    nameJa: '関東窓口',
    nameEn: 'Kanto desk',
    prefectures: [...range(8, 14), '19'],
  },
  {
    id: 'shinetsu',
    kind: 'regional',
    nameJa: '信越窓口',
    nameEn: 'Shinetsu desk',
    prefectures: ['15', '20'],
  },
  {
    id: 'hokuriku',
    kind: 'regional',
    nameJa: '北陸窓口',
    nameEn: 'Hokuriku desk',
    prefectures: range(16, 18),
  },
  {
    id: 'tokai',
    kind: 'regional',
    nameJa: '東海窓口',
    nameEn: 'Tokai desk',
    prefectures: range(21, 24),
  },
  {
    id: 'kinki',
    kind: 'regional',
    nameJa: '近畿窓口',
    nameEn: 'Kinki desk',
    prefectures: range(25, 30),
  },
  {
    id: 'chugoku',
    kind: 'regional',
    nameJa: '中国窓口',
    nameEn: 'Chugoku desk',
    prefectures: range(31, 35),
  },
  {
    id: 'shikoku',
    kind: 'regional',
    nameJa: '四国窓口',
    nameEn: 'Shikoku desk',
    prefectures: range(36, 39),
  },
  {
    id: 'kyushu',
    kind: 'regional',
    nameJa: '九州窓口',
    nameEn: 'Kyushu desk',
    prefectures: range(40, 46),
  },
  {
    id: 'okinawa',
    kind: 'regional',
    nameJa: '沖縄窓口',
    nameEn: 'Okinawa desk',
    prefectures: ['47'],
  },
];

export interface ProgramSeed {
  code: string;
  provider: 'mhlw' | 'mic' | 'tokyo' | 'chamber' | 'other';
  kind: 'subsidy' | 'consultation' | 'support_center' | 'award' | 'guideline';
  nameJa: string;
  nameEn: string;
  summaryJa: string;
  /** Only addresses that hold from year to year; the others an admin enters per fiscal year. */
  url?: string;
  owner?: string;
}

/** The referral catalogue as of the seed fiscal year; admins version it per fiscal year. */
export const PROGRAMS_FISCAL_YEAR = 2026;
export const PROGRAMS: ProgramSeed[] = [
  {
    code: 'mhlw.jinzai-kakuho.telework',
    provider: 'mhlw',
    kind: 'subsidy',
    nameJa: '人材確保等支援助成金(テレワークコース)',
    nameEn: 'Talent Retention Subsidy (Telework Course)',
    summaryJa:
      '中小企業事業主向け。制度導入で20万円、目標達成で10万円(賃金要件を満たす場合15万円)。',
  },
  {
    code: 'mhlw.hatarakikata-center',
    provider: 'mhlw',
    kind: 'support_center',
    nameJa: '働き方改革推進支援センター',
    nameEn: 'Work Style Reform Support Center',
    summaryJa: '労務管理に関する無料相談。各都道府県に設置。',
  },
  {
    code: 'tokyo.telework-sokushin',
    provider: 'tokyo',
    kind: 'subsidy',
    nameJa: 'テレワーク促進助成金',
    nameEn: 'Tokyo Telework Promotion Subsidy',
    summaryJa: '2〜29人: 2/3、上限150万円。30〜999人: 1/2、上限250万円。',
  },
  {
    code: 'tokyo.hands-on',
    provider: 'tokyo',
    kind: 'subsidy',
    nameJa: 'テレワーク導入ハンズオン支援助成金',
    nameEn: 'Tokyo Hands-on Telework Introduction Subsidy',
    summaryJa: '専門家の伴走支援を受けたテレワーク導入を助成。',
  },
  {
    code: 'tokyo.ryoritsu',
    provider: 'tokyo',
    kind: 'subsidy',
    nameJa: '育児・介護との両立のためのテレワーク導入促進助成金',
    nameEn: 'Tokyo Subsidy for Telework Supporting Childcare and Nursing Care',
    summaryJa: '育児・介護と仕事の両立に向けたテレワーク導入を助成。',
  },
  {
    code: 'tokyo.promotion-center',
    provider: 'tokyo',
    kind: 'support_center',
    nameJa: '東京テレワーク推進センター',
    nameEn: 'Tokyo Telework Promotion Center',
    summaryJa: '都内企業向けの体験・相談・助成金案内。',
  },
  {
    code: 'mic.top-runner',
    provider: 'mic',
    kind: 'award',
    nameJa: 'テレワークトップランナー',
    nameEn: 'Telework Top Runner (MIC)',
    summaryJa: 'テレワークの導入・活用に成果を上げた企業等を総務省が選定。',
  },
  {
    code: 'mhlw.kagayaku-telework',
    provider: 'mhlw',
    kind: 'award',
    nameJa: '輝くテレワーク賞',
    nameEn: 'Shining Telework Award (MHLW)',
    summaryJa: 'テレワークを活用し優れた取組を行う企業を厚生労働省が表彰。',
  },
  {
    code: 'mic.security-guideline',
    provider: 'mic',
    kind: 'guideline',
    nameJa: 'テレワークセキュリティガイドライン(第5版)',
    nameEn: 'MIC Telework Security Guideline (5th ed.)',
    summaryJa: '総務省。セキュリティ対策の考え方と中小企業向けチェックリスト。',
  },
  {
    code: 'mhlw.telework-guideline',
    provider: 'mhlw',
    kind: 'guideline',
    nameJa: 'テレワークの適切な導入及び実施の推進のためのガイドライン',
    nameEn: 'MHLW Telework Guideline',
    summaryJa: '厚生労働省(2021年3月改定)。労務管理上の留意点。',
  },
  {
    code: 'telework-portal',
    provider: 'mhlw',
    kind: 'support_center',
    nameJa: 'テレワーク総合ポータルサイト',
    nameEn: 'Telework portal (MIC and MHLW)',
    summaryJa: '支援制度の情報、セミナー日程、導入事例。相談者に案内する公開窓口。',
    url: 'https://telework.mhlw.go.jp/',
    owner: '厚生労働省・総務省',
  },
];
