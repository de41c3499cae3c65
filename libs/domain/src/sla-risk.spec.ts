import { isSlaAtRisk, isSlaOverdue, SLA_AT_RISK_HOURS, type SlaClocks } from './sla-risk';

const now = new Date('2026-11-26T03:00:00Z');
const inHours = (h: number) => new Date(now.getTime() + h * 3_600_000);
const clocks = (overrides: Partial<SlaClocks>): SlaClocks => ({
  status: 'in_progress',
  firstRespondedAt: null,
  firstResponseDueAt: null,
  resolutionDueAt: null,
  ...overrides,
});

describe(isSlaAtRisk.name, () => {
  it('holds for a deadline within the horizon that has not passed', () => {
    expect(isSlaAtRisk(clocks({ firstResponseDueAt: inHours(2) }), now)).toBe(true);
    expect(isSlaAtRisk(clocks({ resolutionDueAt: inHours(SLA_AT_RISK_HOURS - 1) }), now)).toBe(
      true,
    );
  });

  it('does not hold for a far deadline, a passed one, or one already met', () => {
    expect(isSlaAtRisk(clocks({ resolutionDueAt: inHours(SLA_AT_RISK_HOURS + 1) }), now)).toBe(
      false,
    );
    expect(
      isSlaAtRisk(clocks({ firstResponseDueAt: inHours(-1), resolutionDueAt: inHours(3) }), now),
    ).toBe(false);
    expect(
      isSlaAtRisk(clocks({ firstRespondedAt: inHours(-5), firstResponseDueAt: inHours(1) }), now),
    ).toBe(false);
    expect(isSlaAtRisk(clocks({}), now)).toBe(false);
  });

  it('does not hold for a resolved case', () => {
    expect(isSlaAtRisk(clocks({ status: 'resolved', resolutionDueAt: inHours(1) }), now)).toBe(
      false,
    );
  });
});

describe(isSlaOverdue.name, () => {
  it('holds for an open case past a running deadline', () => {
    expect(isSlaOverdue(clocks({ resolutionDueAt: inHours(-1) }), now)).toBe(true);
    expect(
      isSlaOverdue(clocks({ firstRespondedAt: inHours(-3), firstResponseDueAt: inHours(-1) }), now),
    ).toBe(false);
  });
});
