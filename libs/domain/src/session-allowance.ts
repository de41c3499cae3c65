/**
 * Free sessions with telework managers (テレワークマネージャー): an organization may have up to the
 * program's limit (config, default 3) of them, typically assessment → preparation → follow-up.
 */
export const SESSION_KINDS = ['assessment', 'preparation', 'follow_up'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_STATUSES = ['scheduled', 'completed', 'cancelled', 'no_show'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_MODES = ['onsite', 'online'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

/** Whether the allowance is for the organization's whole life or renews each fiscal year. */
export const ALLOWANCE_PERIODS = ['lifetime', 'fiscal_year'] as const;
export type AllowancePeriod = (typeof ALLOWANCE_PERIODS)[number];

export const DEFAULT_SESSION_LIMIT = 3;

export const EXPERT_QUALIFICATIONS = [
  'it_coordinator',
  'sharoushi',
  'sme_consultant',
  'other',
] as const;
export type ExpertQualification = (typeof EXPERT_QUALIFICATIONS)[number];

/** The organization's telework status as recorded at the desk (organization.teleworkStatus). */
export type TeleworkStatus = 'not_started' | 'trial' | 'partial' | 'adopted';

/**
 * A cancelled session gives its slot back; a no-show used the expert's time and still counts.
 */
export function countsTowardAllowance(status: SessionStatus): boolean {
  switch (status) {
    case 'scheduled':
    case 'completed':
    case 'no_show':
      return true;
    case 'cancelled':
      return false;
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/** The statuses that use up the allowance, for queries. */
export const COUNTED_SESSION_STATUSES: readonly SessionStatus[] =
  SESSION_STATUSES.filter(countsTowardAllowance);

export interface SessionAllowance {
  /** The program limit plus one session per manager's grant. */
  limit: number;
  used: number;
  /** Never negative, even when a merge brought in more sessions than the limit. */
  remaining: number;
}

export function sessionAllowance(input: {
  limit: number;
  used: number;
  grants: number;
}): SessionAllowance {
  const limit = Math.max(0, input.limit) + Math.max(0, input.grants);
  return { limit, used: input.used, remaining: Math.max(0, limit - input.used) };
}

/**
 * The kind the next session most likely is. Sessions are taken as needed, so a skipped step
 * stays skipped: after a preparation session the next one is a follow-up, not an assessment.
 */
export function nextSessionKind(usedKinds: readonly SessionKind[]): SessionKind {
  const furthest = Math.max(-1, ...usedKinds.map((k) => SESSION_KINDS.indexOf(k)));
  return SESSION_KINDS[Math.min(furthest + 1, SESSION_KINDS.length - 1)]!;
}

/** A follow-up presumes telework was introduced, at least on trial. */
export function kindMakesSense(kind: SessionKind, teleworkStatus: TeleworkStatus): boolean {
  switch (kind) {
    case 'assessment':
    case 'preparation':
      return true;
    case 'follow_up':
      return teleworkStatus !== 'not_started';
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}
