/** How an inquiry arrived. */
export const CHANNELS = [
  'phone',
  'email',
  'web',
  'walk_in',
  'seminar',
  'chamber_referral',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const CASE_STATUSES = [
  'new',
  'in_progress',
  'waiting_on_customer',
  'referred_to_expert',
  'in_sessions',
  'follow_up',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_OUTCOMES = ['adopted', 'planned', 'not_adopted', 'unknown'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/**
 * The lifecycle. Forward along intake → triage → expert sessions → follow-up → resolution,
 * with the detours a real desk takes: waiting on the customer from any working state, dropping
 * the expert route back to the desk, resolving when answered at the desk, and reopening.
 */
const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['in_progress', 'waiting_on_customer', 'referred_to_expert', 'resolved', 'closed'],
  in_progress: ['waiting_on_customer', 'referred_to_expert', 'follow_up', 'resolved'],
  waiting_on_customer: ['in_progress', 'referred_to_expert', 'resolved'],
  referred_to_expert: ['in_sessions', 'in_progress', 'waiting_on_customer'],
  in_sessions: ['follow_up', 'in_progress', 'waiting_on_customer', 'resolved'],
  follow_up: ['resolved', 'in_progress', 'in_sessions', 'waiting_on_customer'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(
  (s) => s !== 'closed' && s !== 'resolved',
);

export const isCaseStatus = (value: string): value is CaseStatus =>
  (CASE_STATUSES as readonly string[]).includes(value);
export const isOpenStatus = (status: CaseStatus): boolean => OPEN_STATUSES.includes(status);
export const allowedTransitions = (from: CaseStatus): readonly CaseStatus[] => TRANSITIONS[from];
export const canTransition = (from: CaseStatus, to: CaseStatus): boolean =>
  TRANSITIONS[from].includes(to);

export interface TransitionRequest {
  from: CaseStatus;
  to: CaseStatus;
  outcome?: CaseOutcome | null;
  /** 'YYYY-MM-DD', the day the outcome was confirmed with the organization. */
  outcomeConfirmedOn?: string | null;
  notAdoptedReason?: string | null;
}

export type TransitionCheck =
  | { ok: true }
  | {
      ok: false;
      code:
        'CASE_TRANSITION_NOT_ALLOWED' | 'CASE_OUTCOME_REQUIRED' | 'CASE_OUTCOME_REASON_REQUIRED';
      field?: 'to' | 'outcome' | 'outcomeConfirmedOn' | 'notAdoptedReason';
    };

export function validateTransition(request: TransitionRequest): TransitionCheck {
  if (!canTransition(request.from, request.to)) {
    return { ok: false, code: 'CASE_TRANSITION_NOT_ALLOWED', field: 'to' };
  }
  if (request.to === 'closed') {
    if (!request.outcome) {
      return { ok: false, code: 'CASE_OUTCOME_REQUIRED', field: 'outcome' };
    }
    if (!request.outcomeConfirmedOn) {
      return { ok: false, code: 'CASE_OUTCOME_REQUIRED', field: 'outcomeConfirmedOn' };
    }
    if (request.outcome === 'not_adopted' && !request.notAdoptedReason?.trim()) {
      return { ok: false, code: 'CASE_OUTCOME_REASON_REQUIRED', field: 'notAdoptedReason' };
    }
  }
  return { ok: true };
}
