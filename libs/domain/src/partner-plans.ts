import { ORGANIZER_KINDS, type OrganizerKind } from './events';

/**
 * The parties of the cooperation plans are the parties that organize events: an activity of the
 * chamber's plan and an event the chamber runs name the party the same way.
 */
export const PLAN_PARTIES = ORGANIZER_KINDS;
export type PlanParty = OrganizerKind;

export interface PlanActivityFigures {
  /** null: a qualitative activity with no numeric target. */
  target: number | null;
  /** The figure the party reported by hand; null until reported. */
  achieved: number | null;
  linkedEvents: number;
  linkedReferrals: number;
}

export interface PlanActivityProgress {
  /** achieved ÷ target in percent, one decimal; null without a target or a reported figure. */
  percent: number | null;
  /** What the links count: the events held and the referrals made for the activity. */
  linked: number;
  /** linked ÷ target in percent, one decimal; null without a target. */
  linkedPercent: number | null;
}

const pct = (part: number, whole: number | null): number | null =>
  whole !== null && whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

/**
 * An activity's progress, both ways the plan reads it: the figure the party reported, and what
 * the linked events and referrals count. They differ on purpose (a newsletter issue is not an
 * event), so neither replaces the other. A target of 0 has no percentage, like any 0 divisor.
 */
export function planActivityProgress(a: PlanActivityFigures): PlanActivityProgress {
  const linked = a.linkedEvents + a.linkedReferrals;
  return {
    percent: a.achieved === null ? null : pct(a.achieved, a.target),
    linked,
    linkedPercent: pct(linked, a.target),
  };
}

export type CatalogueCopyPlan =
  { kind: 'conflict'; existing: number } | { kind: 'copy'; codes: string[]; skipped: string[] };

/**
 * Which programs copying a fiscal year of the referral catalogue forward creates. A target year
 * that already has programs is a conflict unless merging, so a second click never doubles the
 * catalogue; merging adds only the codes the target lacks, so running it again adds nothing.
 */
export function planCatalogueCopy(
  sourceCodes: readonly string[],
  targetCodes: readonly string[],
  merge: boolean,
): CatalogueCopyPlan {
  if (targetCodes.length > 0 && !merge) {
    return { kind: 'conflict', existing: targetCodes.length };
  }
  const taken = new Set(targetCodes);
  return {
    kind: 'copy',
    codes: sourceCodes.filter((c) => !taken.has(c)),
    skipped: sourceCodes.filter((c) => taken.has(c)),
  };
}
