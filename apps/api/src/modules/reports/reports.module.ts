import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DesksModule } from '../desks/desks.module';
import { BacklogService } from './backlog.service';
import { CaseExportService } from './case-export.service';
import { CaseloadService } from './caseload.service';
import { EventsFunnelService } from './events-funnel.service';
import { OutcomesService } from './outcomes.service';
import { PartnerPlanProgressService } from './partner-plan-progress.service';
import { ReportOutputService } from './report-output.service';
import { ReportsController } from './reports.controller';
import { ResultsWorkbookService } from './results-workbook.service';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';
import { RollupMaintenanceService } from './rollup-maintenance.service';
import { SessionsReportService } from './sessions-report.service';
import { SurveysReportService } from './surveys-report.service';

/** Caseload reports and exports for managers; reads cases, sessions, surveys and reference data. */
@Module({
  imports: [AuditModule, DesksModule],
  controllers: [ReportsController, ResultsController],
  providers: [
    CaseloadService,
    BacklogService,
    SessionsReportService,
    SurveysReportService,
    OutcomesService,
    EventsFunnelService,
    PartnerPlanProgressService,
    ResultsService,
    ResultsWorkbookService,
    CaseExportService,
    ReportOutputService,
    RollupMaintenanceService,
  ],
})
export class ReportsModule {}
