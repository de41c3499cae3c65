/** Two-level consultation topics. Codes are stable: reports and integrations key on them. */
export const TOPIC_CATEGORIES = [
  { code: 'LAB', labelJa: '労務管理', labelEn: 'Labour management' },
  { code: 'ICT', labelJa: 'ICT(情報通信技術)', labelEn: 'ICT' },
] as const;

export type TopicCategory = (typeof TOPIC_CATEGORIES)[number]['code'];

export interface Topic {
  code: string;
  parent: TopicCategory;
  labelJa: string;
  labelEn: string;
}

const t = (code: string, labelJa: string, labelEn: string): Topic => ({
  code,
  parent: code.split('.')[0] as TopicCategory,
  labelJa,
  labelEn,
});

/** Sources: the MHLW telework guideline (rev. March 2021) and the MIC security guideline (5th ed.). */
export const TOPICS: readonly Topic[] = [
  t('LAB.RULES', '対象者・就業場所・頻度・就業規則', 'Eligibility, place, frequency, work rules'),
  t(
    'LAB.TIME',
    '労働時間管理・中抜け・時間外労働',
    'Working time, breaks, overtime, flexible hours',
  ),
  t('LAB.EVAL', '人事評価', 'Personnel evaluation'),
  t('LAB.COST', '費用負担(機器・通信費・光熱費)', 'Equipment, communication and utility costs'),
  t('LAB.HRD', '人材育成・研修', 'Training'),
  t('LAB.COMM', 'コミュニケーションのルール', 'Communication rules'),
  t('LAB.OSH', '安全衛生・メンタルヘルス', 'Health and safety, mental health'),
  t('LAB.ACCIDENT', '労働災害(労災)', 'Work-accident compensation'),
  t('LAB.HARASS', 'ハラスメント', 'Harassment'),
  t('LAB.SUBSIDY', '助成金の手続き', 'Subsidy procedures'),
  t(
    'ICT.METHOD',
    '接続方式(VPN・リモートデスクトップ・VDI・クラウド等)',
    'Access method (VPN, remote desktop, VDI, cloud)',
  ),
  t('ICT.SEC', 'セキュリティ対策・ゼロトラスト', 'Security rules, zero trust, SME checklist'),
  t('ICT.DEVICE', '端末・シンクライアント・BYOD', 'Devices, thin clients, BYOD'),
  t('ICT.NET', '回線・Wi-Fi・モバイル', 'Lines, Wi-Fi, mobile'),
  t('ICT.COLLAB', 'Web会議・チャット・バーチャルオフィス', 'Web meetings, chat, virtual office'),
  t('ICT.PAPER', 'ペーパーレス・電子印鑑', 'Paperless working, e-seals'),
  t('ICT.PHONE', 'クラウドPBX・電話転送', 'Cloud PBX, call forwarding'),
  t('ICT.ATTEND', '勤怠管理システム', 'Attendance systems'),
];

const CODES = new Set(TOPICS.map((topic) => topic.code));

export const isTopicCode = (code: string): boolean => CODES.has(code);

export const topicParent = (code: string): TopicCategory | undefined =>
  TOPICS.find((topic) => topic.code === code)?.parent;
