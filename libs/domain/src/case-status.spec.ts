import {
  allowedTransitions,
  canTransition,
  CASE_STATUSES,
  isOpenStatus,
  validateTransition,
} from './case-status';

describe('case lifecycle', () => {
  it('follows the main path from intake to closure', () => {
    const path = [
      'new',
      'in_progress',
      'referred_to_expert',
      'in_sessions',
      'follow_up',
      'resolved',
      'closed',
    ] as const;
    for (let i = 1; i < path.length; i += 1) {
      expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    }
  });

  it('goes back and forth with waiting on the customer', () => {
    expect(canTransition('in_progress', 'waiting_on_customer')).toBe(true);
    expect(canTransition('waiting_on_customer', 'in_progress')).toBe(true);
  });

  it('reopens a resolved or closed case', () => {
    expect(canTransition('closed', 'in_progress')).toBe(true);
    expect(canTransition('resolved', 'in_progress')).toBe(true);
  });

  it('refuses skipping into sessions or out of closed', () => {
    expect(canTransition('new', 'in_sessions')).toBe(false);
    expect(canTransition('closed', 'resolved')).toBe(false);
    expect(validateTransition({ from: 'closed', to: 'follow_up' })).toEqual({
      ok: false,
      code: 'CASE_TRANSITION_NOT_ALLOWED',
      field: 'to',
    });
  });

  it('never allows staying in place', () => {
    for (const status of CASE_STATUSES) {
      expect(allowedTransitions(status)).not.toContain(status);
    }
  });

  it('requires an outcome and its confirmation date to close', () => {
    expect(validateTransition({ from: 'resolved', to: 'closed' })).toMatchObject({
      code: 'CASE_OUTCOME_REQUIRED',
      field: 'outcome',
    });
    expect(
      validateTransition({ from: 'resolved', to: 'closed', outcome: 'adopted' }),
    ).toMatchObject({
      field: 'outcomeConfirmedOn',
    });
    expect(
      validateTransition({
        from: 'resolved',
        to: 'closed',
        outcome: 'adopted',
        outcomeConfirmedOn: '2026-11-20',
      }),
    ).toEqual({
      ok: true,
    });
  });

  it('requires a reason when telework was not adopted', () => {
    expect(
      validateTransition({
        from: 'resolved',
        to: 'closed',
        outcome: 'not_adopted',
        outcomeConfirmedOn: '2026-11-20',
        notAdoptedReason: ' ',
      }),
    ).toMatchObject({ code: 'CASE_OUTCOME_REASON_REQUIRED', field: 'notAdoptedReason' });
  });

  it('counts resolved and closed as not open', () => {
    expect(isOpenStatus('waiting_on_customer')).toBe(true);
    expect(isOpenStatus('resolved')).toBe(false);
    expect(isOpenStatus('closed')).toBe(false);
  });
});
