import {
  advanceTeleworkStatus,
  factTarget,
  statusesBelow,
  TELEWORK_STATUSES,
} from './telework-status';

describe(advanceTeleworkStatus.name, () => {
  it('moves an organization that has not started to adopted when a case closes adopted', () => {
    expect(advanceTeleworkStatus('not_started', 'case_closed_adopted')).toEqual({
      status: 'adopted',
      source: 'case_outcome',
    });
    expect(advanceTeleworkStatus('partial', 'outcome_check_adopted')).toEqual({
      status: 'adopted',
      source: 'outcome_check',
    });
  });

  it('takes a completed follow-up session as proof of at least a trial', () => {
    expect(advanceTeleworkStatus('not_started', 'follow_up_session_completed')).toEqual({
      status: 'trial',
      source: 'follow_up_session',
    });
  });

  it('never moves backward or sideways', () => {
    expect(advanceTeleworkStatus('adopted', 'follow_up_session_completed')).toBeNull();
    expect(advanceTeleworkStatus('partial', 'follow_up_session_completed')).toBeNull();
    expect(advanceTeleworkStatus('trial', 'follow_up_session_completed')).toBeNull();
    expect(advanceTeleworkStatus('adopted', 'case_closed_adopted')).toBeNull();
  });

  it('agrees with statusesBelow for every status and fact', () => {
    for (const current of TELEWORK_STATUSES) {
      for (const fact of [
        'case_closed_adopted',
        'outcome_check_adopted',
        'follow_up_session_completed',
      ] as const) {
        const moves = advanceTeleworkStatus(current, fact) !== null;
        expect(statusesBelow(factTarget(fact).status).includes(current)).toBe(moves);
      }
    }
  });
});
