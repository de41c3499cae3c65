import { type CaseStatus, isOpenStatus } from './case-status';

/** How far ahead a deadline puts an open case "at risk" on the home page. */
export const SLA_AT_RISK_HOURS = 24;

export interface SlaClocks {
  status: CaseStatus;
  firstRespondedAt: Date | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

const HOUR_MS = 3_600_000;

/** The deadlines still running: the first response only until someone has answered. */
const runningDeadlines = (c: SlaClocks): Date[] =>
  [c.firstRespondedAt ? null : c.firstResponseDueAt, c.resolutionDueAt].filter(
    (d): d is Date => d !== null,
  );

/** Open and past a running deadline (the case list's `overdue` view). */
export function isSlaOverdue(c: SlaClocks, now: Date): boolean {
  return isOpenStatus(c.status) && runningDeadlines(c).some((d) => d.getTime() < now.getTime());
}

/**
 * Open, not yet overdue, and a running deadline within SLA_AT_RISK_HOURS: the cases to act on
 * before they breach (the case list's `at_risk` view, in SQL there).
 */
export function isSlaAtRisk(c: SlaClocks, now: Date): boolean {
  const horizon = now.getTime() + SLA_AT_RISK_HOURS * HOUR_MS;
  return (
    isOpenStatus(c.status) &&
    !isSlaOverdue(c, now) &&
    runningDeadlines(c).some((d) => d.getTime() < horizon)
  );
}
