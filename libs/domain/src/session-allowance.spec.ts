import {
  COUNTED_SESSION_STATUSES,
  countsTowardAllowance,
  kindMakesSense,
  nextSessionKind,
  sessionAllowance,
} from './session-allowance';

describe(sessionAllowance.name, () => {
  it('leaves what the limit does not use', () => {
    expect(sessionAllowance({ limit: 3, used: 1, grants: 0 })).toEqual({
      limit: 3,
      used: 1,
      remaining: 2,
    });
  });

  it('adds one session per manager’s grant', () => {
    expect(sessionAllowance({ limit: 3, used: 3, grants: 2 })).toEqual({
      limit: 5,
      used: 3,
      remaining: 2,
    });
  });

  it('never goes below zero when more were used than allowed (e.g. after a merge)', () => {
    expect(sessionAllowance({ limit: 3, used: 5, grants: 0 })).toEqual({
      limit: 3,
      used: 5,
      remaining: 0,
    });
  });
});

describe(countsTowardAllowance.name, () => {
  it('gives a cancelled session back and counts a no-show', () => {
    expect(countsTowardAllowance('scheduled')).toBe(true);
    expect(countsTowardAllowance('completed')).toBe(true);
    expect(countsTowardAllowance('no_show')).toBe(true);
    expect(countsTowardAllowance('cancelled')).toBe(false);
    expect(COUNTED_SESSION_STATUSES).toEqual(['scheduled', 'completed', 'no_show']);
  });
});

describe(nextSessionKind.name, () => {
  it('follows assessment, preparation, follow-up', () => {
    expect(nextSessionKind([])).toBe('assessment');
    expect(nextSessionKind(['assessment'])).toBe('preparation');
    expect(nextSessionKind(['assessment', 'preparation'])).toBe('follow_up');
  });

  it('does not go back to a skipped step', () => {
    expect(nextSessionKind(['preparation'])).toBe('follow_up');
  });

  it('suggests further follow-ups once the sequence is done', () => {
    expect(nextSessionKind(['assessment', 'preparation', 'follow_up'])).toBe('follow_up');
  });
});

describe(kindMakesSense.name, () => {
  it('needs telework introduced (trial, partial or adopted) before a follow-up', () => {
    expect(kindMakesSense('follow_up', 'not_started')).toBe(false);
    expect(kindMakesSense('follow_up', 'trial')).toBe(true);
    expect(kindMakesSense('follow_up', 'partial')).toBe(true);
    expect(kindMakesSense('follow_up', 'adopted')).toBe(true);
  });

  it('allows an assessment or preparation whatever the status', () => {
    expect(kindMakesSense('assessment', 'not_started')).toBe(true);
    expect(kindMakesSense('preparation', 'adopted')).toBe(true);
  });
});
