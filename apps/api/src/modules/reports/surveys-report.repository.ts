import { Injectable } from '@nestjs/common';
import { ReportReader } from '../../database/report-reader';
import type { CaseFilter } from './case-filter';
import { reportQuery } from './report-query.repository';
import type { SurveyCell } from './survey-figures';

/** The satisfaction surveys' read (satisfaction_survey with its sessions and experts). */
@Injectable()
export class SurveysReportRepository {
  // On the reader's database, like every report: the reporting replica when it is fresh enough.
  constructor(private readonly reader: ReportReader) {}

  /** Surveys of the sessions `held` dates (`lower(s.scheduled)`), answered or not. */
  cells(held: CaseFilter): Promise<SurveyCell[]> {
    return reportQuery<SurveyCell[]>(
      this.reader.db,
      `SELECT c.desk_id, s.expert_id, u.display_name AS expert_name, s.kind, s.fiscal_year,
              count(*)::int AS sent,
              count(v.answered_at)::int AS answered,
              coalesce(sum(v.overall), 0)::int AS overall_sum,
              coalesce(sum(v.usefulness), 0)::int AS usefulness_sum,
              count(v.telework_intent)::int AS intent_stated,
              count(*) FILTER (WHERE v.telework_intent IN ('introduce', 'extend'))::int AS intending
         FROM ${held.from}
         JOIN expert_session s ON s.case_id = c.id
         JOIN satisfaction_survey v ON v.session_id = s.id
         JOIN expert_profile p ON p.id = s.expert_id
         JOIN app_user u ON u.id = p.user_id
        WHERE ${held.where}
        GROUP BY 1, 2, 3, 4, 5`,
      held.params,
    );
  }
}
