import type {
  SurveyFiguresDto,
  SurveyGroupRowDto,
  SurveysReportDto,
} from './dto/surveys-report.dto';
import { percent } from './percent';

/** Sums over the surveys of one desk × expert × session kind × fiscal year. */
export interface SurveyCell {
  desk_id: string;
  expert_id: string;
  expert_name: string;
  kind: string;
  fiscal_year: number;
  sent: number;
  answered: number;
  overall_sum: number;
  usefulness_sum: number;
  /** Answers that stated an intention, and of those, introduce or extend. */
  intent_stated: number;
  intending: number;
}

type Sums = Pick<
  SurveyCell,
  'sent' | 'answered' | 'overall_sum' | 'usefulness_sum' | 'intent_stated' | 'intending'
>;

const ZERO: Sums = {
  sent: 0,
  answered: 0,
  overall_sum: 0,
  usefulness_sum: 0,
  intent_stated: 0,
  intending: 0,
};

const add = (a: Sums, b: Sums): Sums => ({
  sent: a.sent + b.sent,
  answered: a.answered + b.answered,
  overall_sum: a.overall_sum + b.overall_sum,
  usefulness_sum: a.usefulness_sum + b.usefulness_sum,
  intent_stated: a.intent_stated + b.intent_stated,
  intending: a.intending + b.intending,
});

// Two decimals: a mean of 1–5 scores moves in small steps that managers compare.
const mean = (sum: number, n: number): number | null =>
  n > 0 ? Math.round((sum / n) * 100) / 100 : null;

export function surveyFigures(s: Sums): SurveyFiguresDto {
  return {
    sent: s.sent,
    answered: s.answered,
    responseRatePercent: percent(s.answered, s.sent),
    meanOverall: mean(s.overall_sum, s.answered),
    meanUsefulness: mean(s.usefulness_sum, s.answered),
    intendingPercent: percent(s.intending, s.intent_stated),
  };
}

function groupBy(
  cells: readonly SurveyCell[],
  keyOf: (c: SurveyCell) => string,
  nameOf?: (c: SurveyCell) => string,
): SurveyGroupRowDto[] {
  const groups = new Map<string, { name?: string; sums: Sums }>();
  for (const c of cells) {
    const key = keyOf(c);
    const g = groups.get(key) ?? { name: nameOf?.(c), sums: ZERO };
    groups.set(key, { ...g, sums: add(g.sums, c) });
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => ({
      key,
      ...(g.name === undefined ? {} : { name: g.name }),
      ...surveyFigures(g.sums),
    }));
}

/** The report from its finest cells: each dimension and the total add the same sums up. */
export function surveysReport(cells: readonly SurveyCell[]): SurveysReportDto {
  return {
    total: surveyFigures(cells.reduce<Sums>((sum, c) => add(sum, c), ZERO)),
    byDesk: groupBy(cells, (c) => c.desk_id),
    byExpert: groupBy(
      cells,
      (c) => c.expert_id,
      (c) => c.expert_name,
    ).sort((a, b) => b.sent - a.sent || (a.name ?? '').localeCompare(b.name ?? '', 'ja')),
    byKind: groupBy(cells, (c) => c.kind),
    byFiscalYear: groupBy(cells, (c) => String(c.fiscal_year)),
  };
}
