import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DesksModule } from '../desks/desks.module';
import { BacklogRepository } from './backlog.repository';
import { BacklogService } from './backlog.service';
import { CaseExportRepository } from './case-export.repository';
import { CaseExportService } from './case-export.service';
import { CaseloadRepository } from './caseload.repository';
import { CaseloadService } from './caseload.service';
import { EventsFunnelRepository } from './events-funnel.repository';
import { EventsFunnelService } from './events-funnel.service';
import { OutcomesRepository } from './outcomes.repository';
import { OutcomesService } from './outcomes.service';
import { PartnerPlanProgressRepository } from './partner-plan-progress.repository';
import { PartnerPlanProgressService } from './partner-plan-progress.service';
import { ReportOutputRepository } from './report-output.repository';
import { ReportOutputService } from './report-output.service';
import { ReportsController } from './reports.controller';
import { ResultsWorkbookService } from './results-workbook.service';
import { ResultsController } from './results.controller';
import { ResultsRepository } from './results.repository';
import { ResultsService } from './results.service';
import { RollupMaintenanceRepository } from './rollup-maintenance.repository';
import { RollupMaintenanceService } from './rollup-maintenance.service';
import { SessionsReportRepository } from './sessions-report.repository';
import { SessionsReportService } from './sessions-report.service';
import { SurveysReportRepository } from './surveys-report.repository';
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
    CaseloadRepository,
    BacklogRepository,
    SessionsReportRepository,
    SurveysReportRepository,
    OutcomesRepository,
    EventsFunnelRepository,
    PartnerPlanProgressRepository,
    ResultsRepository,
    CaseExportRepository,
    ReportOutputRepository,
    RollupMaintenanceRepository,
  ],
  exports: [RollupMaintenanceService],
})
export class ReportsModule {}
