import type { TeleworkStatus } from './session-allowance';

export const TELEWORK_STATUSES = [
  'not_started',
  'trial',
  'partial',
  'adopted',
] as const satisfies readonly TeleworkStatus[];

/** Where an organization's telework status came from. */
export const TELEWORK_STATUS_SOURCES = [
  'manual',
  'case_outcome',
  'outcome_check',
  'follow_up_session',
] as const;
export type TeleworkStatusSource = (typeof TELEWORK_STATUS_SOURCES)[number];

/** A fact recorded on a case that says how far the organization has come. */
export type TeleworkFact =
  /** A case closed with the outcome "adopted" (rules written or a trial running). */
  | 'case_closed_adopted'
  /** An outcome check completed and confirmed that telework was introduced. */
  | 'outcome_check_adopted'
  /** A follow-up session took place: it presumes telework was introduced. */
  | 'follow_up_session_completed';

const RANK: Record<TeleworkStatus, number> = { not_started: 0, trial: 1, partial: 2, adopted: 3 };

/** What each fact proves at least, and how the change is recorded. */
const FACTS: Record<TeleworkFact, { atLeast: TeleworkStatus; source: TeleworkStatusSource }> = {
  case_closed_adopted: { atLeast: 'adopted', source: 'case_outcome' },
  outcome_check_adopted: { atLeast: 'adopted', source: 'outcome_check' },
  // A follow-up only shows that something was introduced, not how widely.
  follow_up_session_completed: { atLeast: 'trial', source: 'follow_up_session' },
};

export const teleworkStatusRank = (status: TeleworkStatus): number => RANK[status];

/**
 * The status a fact moves an organization to, or null when it is already there or further:
 * facts move the status forward only; going back takes a person with a reason.
 */
export function advanceTeleworkStatus(
  current: TeleworkStatus,
  fact: TeleworkFact,
): { status: TeleworkStatus; source: TeleworkStatusSource } | null {
  const { atLeast, source } = FACTS[fact];
  return RANK[atLeast] > RANK[current] ? { status: atLeast, source } : null;
}

/** Statuses a fact would leave unchanged (for a conditional UPDATE that never moves backward). */
export function statusesBelow(status: TeleworkStatus): TeleworkStatus[] {
  return TELEWORK_STATUSES.filter((s) => RANK[s] < RANK[status]);
}

export function factTarget(fact: TeleworkFact): {
  status: TeleworkStatus;
  source: TeleworkStatusSource;
} {
  const { atLeast, source } = FACTS[fact];
  return { status: atLeast, source };
}
