import type { TeleworkStatus } from './session-allowance';

/**
 * Award candidates (Telework Top Runner, 輝くテレワーク賞…): how well an organization's telework
 * introduction is evidenced by what the desks recorded. Four independent kinds of fact count,
 * each once however often it was recorded, because a second follow-up proves no more than the
 * first that telework is running: the status, a completed follow-up session, an outcome check
 * confirming adoption, and a positive satisfaction survey.
 */
export const AWARD_EVIDENCE_CODES = [
  'status_adopted',
  'follow_up_completed',
  'outcome_confirmed',
  'survey_positive',
] as const;
export type AwardEvidenceCode = (typeof AWARD_EVIDENCE_CODES)[number];

/** What speaks against: shown beside the evidence so that nobody nominates blind. */
export const AWARD_CAUTION_CODES = ['outcome_not_adopted', 'survey_negative'] as const;
export type AwardCautionCode = (typeof AWARD_CAUTION_CODES)[number];

export const AWARD_STRENGTHS = ['strong', 'moderate', 'weak', 'none'] as const;
export type AwardStrength = (typeof AWARD_STRENGTHS)[number];

export type OutcomeCheckAnswer = 'adopted' | 'planned' | 'not_adopted' | 'unknown';

export interface AwardEvidenceInput {
  teleworkStatus: TeleworkStatus;
  /** Expert sessions of kind follow-up that took place (status completed). */
  completedFollowUpSessions: number;
  /** Completed outcome checks that answered "adopted". */
  outcomeChecksAdopted: number;
  /** The answer of the most recent completed outcome check, if any. */
  latestOutcomeCheck: OutcomeCheckAnswer | null;
  /** Answered satisfaction surveys and their mean overall satisfaction (1–5), null without answers. */
  surveysAnswered: number;
  surveyMeanOverall: number | null;
}

export interface AwardEvidence {
  items: AwardEvidenceCode[];
  cautions: AwardCautionCode[];
  /** 0–100: the weights of the evidence items present. */
  score: number;
  strength: AwardStrength;
  /** Listed as a candidate: adopted, corroborated by at least one other fact, not contradicted. */
  eligible: boolean;
}

// The outcome check is the desk asking after the fact, so it weighs most; the status alone is
// often the same fact seen again (a case closed "adopted"), so it weighs least with the follow-up.
export const AWARD_EVIDENCE_WEIGHTS: Record<AwardEvidenceCode, number> = {
  status_adopted: 25,
  follow_up_completed: 25,
  outcome_confirmed: 30,
  survey_positive: 20,
};

/** Mean overall satisfaction at or above which the surveys count as positive (a 4 is "satisfied"). */
export const SURVEY_POSITIVE_MEAN = 4;
/** Below this the surveys are a caution (a 2 is "dissatisfied"; 3 is neither). */
export const SURVEY_NEGATIVE_MEAN = 3;

export const AWARD_STRONG_SCORE = 75;
export const AWARD_MODERATE_SCORE = 50;

export function awardEvidence(input: AwardEvidenceInput): AwardEvidence {
  const items: AwardEvidenceCode[] = [];
  const cautions: AwardCautionCode[] = [];
  if (input.teleworkStatus === 'adopted') {
    items.push('status_adopted');
  }
  if (input.completedFollowUpSessions > 0) {
    items.push('follow_up_completed');
  }
  // A later check that found telework dropped outweighs an earlier one that found it running.
  const latestSaysNo = input.latestOutcomeCheck === 'not_adopted';
  if (input.outcomeChecksAdopted > 0 && !latestSaysNo) {
    items.push('outcome_confirmed');
  }
  if (latestSaysNo) {
    cautions.push('outcome_not_adopted');
  }
  const mean = input.surveysAnswered > 0 ? input.surveyMeanOverall : null;
  if (mean !== null && mean >= SURVEY_POSITIVE_MEAN) {
    items.push('survey_positive');
  } else if (mean !== null && mean < SURVEY_NEGATIVE_MEAN) {
    cautions.push('survey_negative');
  }
  const score = items.reduce((sum, code) => sum + AWARD_EVIDENCE_WEIGHTS[code], 0);
  const strength: AwardStrength =
    score >= AWARD_STRONG_SCORE
      ? 'strong'
      : score >= AWARD_MODERATE_SCORE
        ? 'moderate'
        : score > 0
          ? 'weak'
          : 'none';
  const eligible = items.includes('status_adopted') && items.length >= 2 && !latestSaysNo;
  return { items, cautions, score, strength, eligible };
}

/** Where a nomination stands: nominated, then selected or not selected. */
export const NOMINATION_STATUSES = ['nominated', 'selected', 'not_selected'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];
