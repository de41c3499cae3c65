/** Desk hours (9:00–17:00 JST): the working day an expert's free time is measured against. */
export const WORKING_DAY_MINUTES = 8 * 60;

export interface RankingCase {
  topics: readonly string[];
  prefectureCode: string | null;
}

export interface RankingExpert {
  specialties: readonly string[];
  prefectures: readonly string[];
  capacityPerMonth: number;
  /** Non-cancelled sessions in the month of the requested date. */
  sessionsThisMonth: number;
  /** Booked minutes within desk hours on the requested date. */
  busyMinutesOnDate: number;
  /** Earlier non-cancelled sessions with this organization. */
  sessionsWithOrganization: number;
}

export const SUGGESTION_REASON_CODES = [
  'TOPIC_MATCH',
  'TOPIC_CATEGORY_MATCH',
  'NO_TOPIC_MATCH',
  'COVERS_PREFECTURE',
  'OUTSIDE_PREFECTURE',
  'PREFECTURE_UNKNOWN',
  'CAPACITY_LEFT',
  'AT_CAPACITY',
  'FREE_ON_DATE',
  'BUSY_ON_DATE',
  'KNOWS_ORGANIZATION',
] as const;
export type SuggestionReasonCode = (typeof SUGGESTION_REASON_CODES)[number];

export interface SuggestionReason {
  code: SuggestionReasonCode;
  detail: string;
}

export interface Ranking {
  /** 0–100; higher is a better fit. */
  score: number;
  reasons: SuggestionReason[];
}

// Weights: what the case needs first, then whether they can go there, then whether they have time.
const TOPIC_POINTS = 40;
const PREFECTURE_POINTS = 25;
const CAPACITY_POINTS = 20;
const FREE_TIME_POINTS = 15;
const CONTINUITY_POINTS = 5;
const AT_CAPACITY_PENALTY = 20;

const category = (code: string): string => code.split('.')[0] ?? code;
const hours = (minutes: number): string => `${Math.round((minutes / 60) * 10) / 10}h`;

/** Scores one expert for one case, explaining each part of the score. */
export function rankExpert(kase: RankingCase, expert: RankingExpert, date: string): Ranking {
  const reasons: SuggestionReason[] = [];
  let score = 0;

  const exact = kase.topics.filter((t) => expert.specialties.includes(t));
  const near = kase.topics.filter(
    (t) => !exact.includes(t) && expert.specialties.some((s) => category(s) === category(t)),
  );
  if (kase.topics.length > 0) {
    score += (TOPIC_POINTS * (exact.length + near.length / 4)) / kase.topics.length;
  }
  if (exact.length > 0) {
    reasons.push({
      code: 'TOPIC_MATCH',
      detail: `${exact.join(', ')} (${exact.length} of ${kase.topics.length})`,
    });
  }
  if (near.length > 0) {
    reasons.push({
      code: 'TOPIC_CATEGORY_MATCH',
      detail: `same field as ${near.join(', ')}`,
    });
  }
  if (exact.length === 0 && near.length === 0) {
    reasons.push({ code: 'NO_TOPIC_MATCH', detail: `none of ${kase.topics.join(', ') || '—'}` });
  }

  if (!kase.prefectureCode) {
    reasons.push({ code: 'PREFECTURE_UNKNOWN', detail: 'the organization has no prefecture' });
  } else if (expert.prefectures.includes(kase.prefectureCode)) {
    score += PREFECTURE_POINTS;
    reasons.push({ code: 'COVERS_PREFECTURE', detail: kase.prefectureCode });
  } else {
    reasons.push({
      code: 'OUTSIDE_PREFECTURE',
      detail: `${kase.prefectureCode} (online sessions only)`,
    });
  }

  const load = `${expert.sessionsThisMonth} of ${expert.capacityPerMonth} this month`;
  if (expert.sessionsThisMonth >= expert.capacityPerMonth) {
    score -= AT_CAPACITY_PENALTY;
    reasons.push({ code: 'AT_CAPACITY', detail: load });
  } else {
    score += CAPACITY_POINTS * (1 - expert.sessionsThisMonth / expert.capacityPerMonth);
    reasons.push({ code: 'CAPACITY_LEFT', detail: load });
  }

  const free = Math.max(0, WORKING_DAY_MINUTES - expert.busyMinutesOnDate);
  if (free > 0) {
    score += (FREE_TIME_POINTS * free) / WORKING_DAY_MINUTES;
    reasons.push({
      code: 'FREE_ON_DATE',
      detail:
        free === WORKING_DAY_MINUTES ? `free all day on ${date}` : `${hours(free)} free on ${date}`,
    });
  } else {
    reasons.push({ code: 'BUSY_ON_DATE', detail: `fully booked on ${date}` });
  }

  if (expert.sessionsWithOrganization > 0) {
    score += CONTINUITY_POINTS;
    reasons.push({
      code: 'KNOWS_ORGANIZATION',
      detail: `${expert.sessionsWithOrganization} earlier session(s) with this organization`,
    });
  }

  return { score: Math.max(0, Math.min(100, Math.round(score))), reasons };
}
