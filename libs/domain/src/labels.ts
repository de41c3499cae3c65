import type { CaseOutcome, CaseStatus, Channel } from './case-status';
import type { SessionKind } from './session-allowance';
import type { SizeBand } from './sme';

/**
 * The words for each code a person reads. The console's messages and the API's downloads both
 * keep such tables; typed against the domain's key sets, a new status (or channel, outcome,
 * session kind, size band) fails the type check in both until it has its words, and a code that
 * is gone fails too.
 */
export type LabelTable<K extends string, V = string> = Readonly<Record<K, V>>;
export type ChannelLabels = LabelTable<Channel>;
export type CaseStatusLabels = LabelTable<CaseStatus>;
export type CaseOutcomeLabels = LabelTable<CaseOutcome>;
export type SessionKindLabels = LabelTable<SessionKind>;
/** Reports add 'unknown' to the employee bands, for a missing head count. */
export type SizeBandLabels = LabelTable<SizeBand | 'unknown'>;

/** The label of a code that comes as a plain string (a database row, a URL), if it has one. */
export const labelOf = <K extends string, V>(
  table: LabelTable<K, V>,
  code: string,
): V | undefined => (Object.hasOwn(table, code) ? table[code as K] : undefined);
