import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { CaseFilter } from './case-filter';
import type { ReportFiltersDto } from './dto/report-filters.dto';
import type { SurveysReportDto } from './dto/surveys-report.dto';
import { type SurveyCell, surveysReport } from './survey-figures';
import { reportQuery } from './report-query';

/**
 * Satisfaction surveys: of the surveys sent for sessions held in the period (the session's
 * Tokyo day) on cases matching the other filters and the reader's scope, how many were answered
 * and how. Read-only over satisfaction_survey, like every report over the other modules' tables.
 */
@Injectable()
export class SurveysReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async surveys(filters: ReportFiltersDto, principal: Principal): Promise<SurveysReportDto> {
    const held = new CaseFilter(filters, principal, 'lower(s.scheduled)');
    const cells = await reportQuery<SurveyCell[]>(
      this.dataSource,
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
    return surveysReport(cells);
  }
}
