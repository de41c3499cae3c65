import { type SurveyCell, surveysReport } from './survey-figures';

const cell = (over: Partial<SurveyCell>): SurveyCell => ({
  desk_id: 'national',
  expert_id: 'e1',
  expert_name: '山田',
  kind: 'assessment',
  fiscal_year: 2026,
  sent: 0,
  answered: 0,
  overall_sum: 0,
  usefulness_sum: 0,
  intent_stated: 0,
  intending: 0,
  ...over,
});

describe(surveysReport.name, () => {
  it('weights means by answers, not by cells, and rates over the sent', () => {
    const report = surveysReport([
      cell({
        sent: 4,
        answered: 3,
        overall_sum: 15,
        usefulness_sum: 12,
        intent_stated: 2,
        intending: 1,
      }),
      cell({ kind: 'follow_up', sent: 1, answered: 1, overall_sum: 1, usefulness_sum: 2 }),
    ]);
    expect(report.total).toEqual({
      sent: 5,
      answered: 4,
      responseRatePercent: 80,
      meanOverall: 4,
      meanUsefulness: 3.5,
      intendingPercent: 50,
    });
    expect(report.byKind.map((r) => [r.key, r.meanOverall])).toEqual([
      ['assessment', 5],
      ['follow_up', 1],
    ]);
  });

  it('answers null, not zero, where nothing was answered', () => {
    const report = surveysReport([cell({ sent: 2 })]);
    expect(report.total).toMatchObject({
      responseRatePercent: 0,
      meanOverall: null,
      meanUsefulness: null,
      intendingPercent: null,
    });
    expect(surveysReport([]).total.responseRatePercent).toBeNull();
  });

  it('keeps the expert’s name and puts the busiest expert first', () => {
    const report = surveysReport([
      cell({ expert_id: 'a', expert_name: '佐藤', sent: 1 }),
      cell({ expert_id: 'b', expert_name: '鈴木', sent: 3 }),
      cell({ expert_id: 'b', expert_name: '鈴木', fiscal_year: 2025, sent: 1 }),
    ]);
    expect(report.byExpert.map((r) => [r.name, r.sent])).toEqual([
      ['鈴木', 4],
      ['佐藤', 1],
    ]);
    expect(report.byFiscalYear.map((r) => r.key)).toEqual(['2025', '2026']);
  });
});
