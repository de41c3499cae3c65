import { awardEvidence, type AwardEvidenceInput } from './award-evidence';

const none: AwardEvidenceInput = {
  teleworkStatus: 'not_started',
  completedFollowUpSessions: 0,
  outcomeChecksAdopted: 0,
  latestOutcomeCheck: null,
  surveysAnswered: 0,
  surveyMeanOverall: null,
};
const all: AwardEvidenceInput = {
  teleworkStatus: 'adopted',
  completedFollowUpSessions: 1,
  outcomeChecksAdopted: 1,
  latestOutcomeCheck: 'adopted',
  surveysAnswered: 1,
  surveyMeanOverall: 5,
};

describe('awardEvidence', () => {
  it('finds nothing without facts', () => {
    expect(awardEvidence(none)).toEqual({
      items: [],
      cautions: [],
      score: 0,
      strength: 'none',
      eligible: false,
    });
  });

  it('counts all four kinds of evidence once each, to 100', () => {
    const result = awardEvidence({ ...all, completedFollowUpSessions: 3, outcomeChecksAdopted: 2 });
    expect(result.items).toEqual([
      'status_adopted',
      'follow_up_completed',
      'outcome_confirmed',
      'survey_positive',
    ]);
    expect(result).toMatchObject({ score: 100, strength: 'strong', eligible: true });
  });

  it('does not list the adopted status alone: it needs one other fact', () => {
    expect(awardEvidence({ ...none, teleworkStatus: 'adopted' })).toMatchObject({
      items: ['status_adopted'],
      score: 25,
      strength: 'weak',
      eligible: false,
    });
    expect(
      awardEvidence({ ...none, teleworkStatus: 'adopted', completedFollowUpSessions: 1 }),
    ).toMatchObject({ score: 50, strength: 'moderate', eligible: true });
  });

  it('never lists an organization whose status is not adopted, however much else there is', () => {
    const result = awardEvidence({ ...all, teleworkStatus: 'partial' });
    expect(result).toMatchObject({ score: 75, strength: 'strong', eligible: false });
  });

  it('draws the strength lines at 50 and 75', () => {
    // 25 + 30 = 55: moderate; 25 + 30 + 20 = 75: strong; 20 + 25 = 45: weak.
    expect(
      awardEvidence({ ...none, teleworkStatus: 'adopted', outcomeChecksAdopted: 1 }).strength,
    ).toBe('moderate');
    expect(
      awardEvidence({
        ...none,
        teleworkStatus: 'adopted',
        outcomeChecksAdopted: 1,
        surveysAnswered: 1,
        surveyMeanOverall: 4,
      }).strength,
    ).toBe('strong');
    expect(
      awardEvidence({
        ...none,
        completedFollowUpSessions: 1,
        surveysAnswered: 2,
        surveyMeanOverall: 4,
      }),
    ).toMatchObject({ score: 45, strength: 'weak' });
  });

  it('counts the surveys as positive from a mean of 4 and as a caution below 3', () => {
    const survey = (mean: number) =>
      awardEvidence({ ...all, surveysAnswered: 2, surveyMeanOverall: mean });
    expect(survey(4).items).toContain('survey_positive');
    expect(survey(3.99).items).not.toContain('survey_positive');
    expect(survey(3.99).cautions).toEqual([]);
    expect(survey(3).cautions).toEqual([]);
    expect(survey(2.99).cautions).toEqual(['survey_negative']);
    // A poor survey is shown, not disqualifying: the facts of the introduction still stand.
    expect(survey(1).eligible).toBe(true);
  });

  it('ignores a mean without answers', () => {
    expect(awardEvidence({ ...all, surveysAnswered: 0, surveyMeanOverall: 5 }).items).not.toContain(
      'survey_positive',
    );
  });

  it('lets a later outcome check that found telework dropped outweigh an earlier confirmation', () => {
    const result = awardEvidence({
      ...all,
      outcomeChecksAdopted: 1,
      latestOutcomeCheck: 'not_adopted',
    });
    expect(result.items).not.toContain('outcome_confirmed');
    expect(result.cautions).toEqual(['outcome_not_adopted']);
    expect(result.eligible).toBe(false);
  });

  it('keeps the confirmation when the latest check is only planned or unknown', () => {
    for (const latest of ['planned', 'unknown'] as const) {
      const result = awardEvidence({ ...all, latestOutcomeCheck: latest });
      expect(result.items).toContain('outcome_confirmed');
      expect(result.cautions).toEqual([]);
    }
  });
});
