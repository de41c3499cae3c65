import { planActivityProgress, planCatalogueCopy } from './partner-plans';

describe('partner-plan progress', () => {
  it('reads the reported figure and the links against the target', () => {
    expect(
      planActivityProgress({ target: 12, achieved: 9, linkedEvents: 2, linkedReferrals: 1 }),
    ).toEqual({ percent: 75, linked: 3, linkedPercent: 25 });
  });

  it('rounds to one decimal and may pass 100%', () => {
    expect(
      planActivityProgress({ target: 3, achieved: 4, linkedEvents: 1, linkedReferrals: 0 }),
    ).toEqual({ percent: 133.3, linked: 1, linkedPercent: 33.3 });
  });

  it('has no percentage without a target, a zero target or a reported figure', () => {
    expect(
      planActivityProgress({ target: null, achieved: 5, linkedEvents: 1, linkedReferrals: 1 }),
    ).toEqual({ percent: null, linked: 2, linkedPercent: null });
    expect(
      planActivityProgress({ target: 0, achieved: 0, linkedEvents: 0, linkedReferrals: 0 }),
    ).toEqual({ percent: null, linked: 0, linkedPercent: null });
    expect(
      planActivityProgress({ target: 10, achieved: null, linkedEvents: 0, linkedReferrals: 0 }),
    ).toEqual({ percent: null, linked: 0, linkedPercent: 0 });
  });
});

describe('copying the referral catalogue forward', () => {
  it('copies every code into an empty year', () => {
    expect(planCatalogueCopy(['a', 'b'], [], false)).toEqual({
      kind: 'copy',
      codes: ['a', 'b'],
      skipped: [],
    });
  });

  it('refuses a year that has programs unless merging', () => {
    expect(planCatalogueCopy(['a', 'b'], ['b'], false)).toEqual({ kind: 'conflict', existing: 1 });
  });

  it('merges only the missing codes, so a second run adds nothing', () => {
    expect(planCatalogueCopy(['a', 'b'], ['b'], true)).toEqual({
      kind: 'copy',
      codes: ['a'],
      skipped: ['b'],
    });
    expect(planCatalogueCopy(['a', 'b'], ['a', 'b'], true)).toEqual({
      kind: 'copy',
      codes: [],
      skipped: ['a', 'b'],
    });
  });
});
