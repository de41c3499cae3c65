import type { RoutingRule } from './api/use-routing-rules';

/** What a rule says, without its identity: also used for the unsaved form's preview. */
export type RuleShape = Pick<
  RoutingRule,
  | 'channels'
  | 'prefectureCodes'
  | 'topicCodes'
  | 'industryCodes'
  | 'sme'
  | 'loggedAt'
  | 'target'
  | 'deskId'
  | 'assigneeId'
>;

/** The words a sentence is made of, in the reader's language. */
export interface RuleLabels {
  channel: (code: string) => string;
  prefecture: (code: string) => string;
  topic: (code: string) => string;
  industry: (code: string) => string;
  sme: (sme: boolean) => string;
  loggedAt: (where: 'national' | 'regional') => string;
  target: (target: 'coverage' | 'logger_desk') => string;
  desk: (id: string) => string;
  assignee: (userId: string) => string;
  /** Between conditions, which must all hold: " かつ ". */
  and: string;
  /** Between the values of one condition, any of which may match: "、". */
  or: string;
  /** The tail of a long value list: " ほか3件". */
  more: (count: number) => string;
  /** A rule without conditions. */
  everything: string;
}

/** Long lists (a rule may name all 47 prefectures) show their first values and a count. */
const MAX_VALUES = 4;

function values(codes: string[] | null, label: (code: string) => string, labels: RuleLabels) {
  if (!codes || codes.length === 0) {
    return null;
  }
  const shown = codes.length > MAX_VALUES ? codes.slice(0, MAX_VALUES - 1) : codes;
  const rest = codes.length - shown.length;
  return shown.map(label).join(labels.or) + (rest > 0 ? labels.more(rest) : '');
}

/**
 * One readable sentence per rule, the way desk staff would say it:
 * "来訪 かつ 東京都、神奈川県 → 管轄の地域窓口".
 */
export function ruleSentence(
  rule: RuleShape,
  labels: RuleLabels,
): { conditions: string; outcome: string } {
  const byCode = (codes: string[] | null) => (codes ? [...codes].sort() : null);
  const conditions = [
    values(rule.channels, labels.channel, labels),
    values(byCode(rule.prefectureCodes), labels.prefecture, labels),
    values(rule.topicCodes, labels.topic, labels),
    values(byCode(rule.industryCodes), labels.industry, labels),
    rule.sme === null ? null : labels.sme(rule.sme),
    rule.loggedAt ? labels.loggedAt(rule.loggedAt) : null,
  ].filter((part): part is string => part !== null);
  const target =
    rule.target === 'desk' ? labels.desk(rule.deskId ?? '') : labels.target(rule.target);
  return {
    conditions: conditions.length > 0 ? conditions.join(labels.and) : labels.everything,
    outcome: rule.assigneeId ? `${target} ${labels.assignee(rule.assigneeId)}` : target,
  };
}
