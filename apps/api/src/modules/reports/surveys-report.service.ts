import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { CaseFilter } from './case-filter';
import type { ReportFiltersDto } from './dto/report-filters.dto';
import type { SurveysReportDto } from './dto/surveys-report.dto';
import { surveysReport } from './survey-figures';
import { SurveysReportRepository } from './surveys-report.repository';

/**
 * Satisfaction surveys: of the surveys sent for sessions held in the period (the session's
 * Tokyo day) on cases matching the other filters and the reader's scope, how many were answered
 * and how. Read-only over satisfaction_survey, like every report over the other modules' tables.
 */
@Injectable()
export class SurveysReportService {
  constructor(private readonly repository: SurveysReportRepository) {}

  async surveys(filters: ReportFiltersDto, principal: Principal): Promise<SurveysReportDto> {
    const held = new CaseFilter(filters, principal, 'lower(s.scheduled)');
    return surveysReport(await this.repository.cells(held));
  }
}
