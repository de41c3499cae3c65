import {
  type CaseOutcomeLabels,
  type CaseStatusLabels,
  type ChannelLabels,
  INDUSTRIES,
  labelOf,
  prefectureByCode,
  REGIONAL_BLOCKS,
  type SessionKindLabels,
  TOPIC_CATEGORIES,
  TOPICS,
} from '@madoguchi/domain';
import { SIZE_BAND_LABELS_JA } from './size-bands';

/**
 * Japanese labels for the downloads (CSV, xlsx): the people who read them are managers and the
 * ministries, in Excel. JSON keeps the stable codes. The wording follows the console's.
 */
const CHANNEL_JA: ChannelLabels = {
  phone: '電話',
  email: 'メール',
  web: 'Webフォーム',
  walk_in: '来訪',
  seminar: 'セミナー',
  chamber_referral: '商工会議所紹介',
};
const STATUS_JA: CaseStatusLabels = {
  new: '新規',
  in_progress: '対応中',
  waiting_on_customer: '相談者の返答待ち',
  referred_to_expert: '専門家へ紹介',
  in_sessions: '専門家派遣中',
  follow_up: 'フォローアップ',
  resolved: '解決',
  closed: '完了',
};
const OUTCOME_JA: CaseOutcomeLabels = {
  adopted: '導入済み',
  planned: '導入予定',
  not_adopted: '導入せず',
  unknown: '不明',
};
const SESSION_KIND_JA: SessionKindLabels = {
  assessment: '現状把握',
  preparation: '導入準備',
  follow_up: '導入後のフォロー',
};
const SME_JA: Record<string, string> = { true: '中小企業', false: '中小企業以外', unknown: '不明' };
const BLOCK_JA = new Map<string, string>(REGIONAL_BLOCKS.map((b) => [b.code, b.labelJa]));
const INDUSTRY_JA = new Map<string, string>(INDUSTRIES.map((i) => [i.code, i.labelJa]));
const TOPIC_JA = new Map<string, string>([
  ...TOPIC_CATEGORIES.map((c) => [c.code, c.labelJa] as const),
  ...TOPICS.map((t) => [t.code, t.labelJa] as const),
]);
const SIZE_BAND_JA = new Map<string, string>(Object.entries(SIZE_BAND_LABELS_JA));

const UNKNOWN = '不明';
const orUnknown = (value: string | undefined): string => value ?? UNKNOWN;

export const channelJa = (code: string | null): string =>
  code === null ? UNKNOWN : (labelOf(CHANNEL_JA, code) ?? code);
export const statusJa = (code: string | null): string =>
  code === null ? UNKNOWN : (labelOf(STATUS_JA, code) ?? code);
export const outcomeJa = (code: string | null): string =>
  code === null ? '' : (labelOf(OUTCOME_JA, code) ?? code);
export const sessionKindJa = (code: string): string => labelOf(SESSION_KIND_JA, code) ?? code;
export const smeJa = (value: string | boolean | null): string =>
  orUnknown(SME_JA[value === null ? 'unknown' : String(value)]);
export const blockJa = (code: string | null): string =>
  code === null ? UNKNOWN : orUnknown(BLOCK_JA.get(code));
export const sizeBandJa = (code: string | null): string =>
  code === null ? UNKNOWN : orUnknown(SIZE_BAND_JA.get(code));

/** "13 東京都": the code stays visible, so a sheet can be matched with other statistics. */
export const prefectureJa = (code: string | null): string => {
  const prefecture = code === null ? undefined : prefectureByCode(code);
  return prefecture ? `${prefecture.code} ${prefecture.nameJa}` : UNKNOWN;
};
export const industryJa = (code: string | null): string => {
  const label = code === null ? undefined : INDUSTRY_JA.get(code);
  return label ? `${code} ${label}` : UNKNOWN;
};
export const topicJa = (code: string | null): string => {
  const label = code === null ? undefined : TOPIC_JA.get(code);
  return label ? `${code} ${label}` : UNKNOWN;
};

const PARTY_JA: Record<string, string> = {
  mic: '総務省',
  mhlw: '厚生労働省',
  regional_desk: '地域窓口',
  tokyo_metropolitan: '東京都',
  chamber_of_commerce: '商工会議所',
  other: 'その他',
};
const EVENT_KIND_JA: Record<string, string> = {
  seminar: 'セミナー',
  experience_seminar: '体験セミナー',
  exchange_event: '交流会',
  tour: '見学ツアー',
  telework_month: 'テレワーク月間イベント',
  co_sponsored: '共催イベント',
};
/** An event's organizer or a plan's party, as the console words it. */
export const partyJa = (code: string): string => PARTY_JA[code] ?? code;
export const eventKindJa = (code: string): string => EVENT_KIND_JA[code] ?? code;
