import { Controller, Get, Query, type StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { DataAsOfInterceptor } from '../../common/http/data-as-of.interceptor';
import { BacklogService } from './backlog.service';
import { CaseExportService } from './case-export.service';
import { CaseloadService } from './caseload.service';
import { BacklogQueryDto, BacklogReportDto, SlaReportDto } from './dto/backlog.dto';
import {
  CaseloadQueryDto,
  CaseloadReportDto,
  FunnelReportDto,
  ReferralsReportDto,
} from './dto/caseload.dto';
import { EventsFunnelQueryDto, EventsFunnelReportDto } from './dto/events-funnel.dto';
import { OutcomesReportDto } from './dto/outcomes.dto';
import { CaseExportQueryDto, ReportQueryDto } from './dto/report-filters.dto';
import { SessionsReportDto } from './dto/sessions-report.dto';
import { SurveysReportDto } from './dto/surveys-report.dto';
import { EventsFunnelService } from './events-funnel.service';
import {
  PartnerPlanProgressQueryDto,
  PartnerPlanProgressReportDto,
} from './dto/partner-plan-progress.dto';
import { PartnerPlanProgressService } from './partner-plan-progress.service';
import { scopeOf } from './results.service';
import { OutcomesService } from './outcomes.service';
import { ReportOutputService } from './report-output.service';
import { DownloadResponse, ReportResponse } from './report-response.decorator';
import {
  backlogTables,
  caseloadTables,
  funnelTables,
  outcomesTables,
  partnerPlanTable,
  referralsTables,
  sessionsTables,
  slaTables,
  surveysTables,
} from './report-tables';
import { SessionsReportService } from './sessions-report.service';
import { SurveysReportService } from './surveys-report.service';

export const REPORT_READERS = ['manager', 'admin'] as const;

const FILTERS_NOTE =
  'Filters: from/to are Tokyo days, inclusive, on the day a case was received. ' +
  'A regional desk’s manager sees that desk’s cases only.';

@ApiTags('reports')
@Controller('reports')
@UseInterceptors(DataAsOfInterceptor)
export class ReportsController {
  constructor(
    private readonly caseloads: CaseloadService,
    private readonly backlogs: BacklogService,
    private readonly sessionReports: SessionsReportService,
    private readonly surveyReports: SurveysReportService,
    private readonly outcomeReports: OutcomesService,
    private readonly exports: CaseExportService,
    private readonly output: ReportOutputService,
    private readonly eventsFunnels: EventsFunnelService,
    private readonly partnerPlans: PartnerPlanProgressService,
  ) {}

  @Get('partner-plans')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsPartnerPlans',
    summary: 'The cooperation plans’ progress in a fiscal year, per party and activity',
    description:
      'Per activity: target, the figure the party reported and its percentage, and the linked ' +
      'events and referrals with their percentage of the target. Per party: activities, those ' +
      'with a target, those that reached it, the mean percentage. A regional desk’s manager ' +
      'sees that desk’s activities.',
  })
  @ReportResponse(PartnerPlanProgressReportDto)
  partnerPlanProgress(
    @Query() query: PartnerPlanProgressQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<PartnerPlanProgressReportDto | StreamableFile> {
    const scope = scopeOf(actor.principal!);
    return this.output.respond(
      actor,
      'partner-plans',
      query,
      () => this.partnerPlans.progress(query.fiscalYear, scope === 'all' ? undefined : scope),
      (dto, desks) => [partnerPlanTable(dto, desks)],
    );
  }

  @Get('events-funnel')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsEventsFunnel',
    summary: 'Events → attended → cases opened → first session → adopted (manager, admin)',
    description:
      'Counts registrations that are not cancelled, per event and in total, for the events of the ' +
      'fiscal year, kind, organizing party and prefecture (of the venue) given. A session counts unless cancelled.',
  })
  @ApiOkResponse({ type: EventsFunnelReportDto })
  eventsFunnel(@Query() query: EventsFunnelQueryDto): Promise<EventsFunnelReportDto> {
    return this.eventsFunnels.funnel(query);
  }

  @Get('caseload')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsCaseload',
    summary: 'Case counts by one or two dimensions (manager, admin)',
    description:
      `${FILTERS_NOTE} Periods (day, week from Monday, month, fiscal year April–March) are ` +
      'Tokyo calendar periods. topic and topic2 count a case once per topic category or ' +
      'topic it has, so their counts add up to more than the cases; totalCases counts each ' +
      "case once. Groups with no cases are left out; missing organization data is 'unknown'.",
  })
  @ReportResponse(CaseloadReportDto)
  caseload(
    @Query() query: CaseloadQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<CaseloadReportDto | StreamableFile> {
    return this.output.respond(
      actor,
      'caseload',
      query,
      () => this.caseloads.caseload(query, query.groupBy, actor.principal!),
      caseloadTables,
      // By month and by topic are different files: reports-caseload-month-….csv, -topic-….
      `caseload-${query.groupBy.join('-')}`,
    );
  }

  @Get('backlog')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsBacklog',
    summary: 'Open cases by age in business days, optionally by desk (manager, admin)',
    description:
      `${FILTERS_NOTE} Open: any status but resolved and closed. Age: business days after ` +
      'the day of receipt up to today, on the owning desk’s calendar (weekends, national ' +
      'holidays, Dec 29–Jan 3 and the desk’s own closures are not business days).',
  })
  @ReportResponse(BacklogReportDto)
  backlog(
    @Query() query: BacklogQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<BacklogReportDto | StreamableFile> {
    return this.output.respond(
      actor,
      'backlog',
      query,
      () => this.backlogs.backlog(query, query.groupBy === 'desk', actor.principal!),
      backlogTables,
    );
  }

  @Get('sla')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsSla',
    summary: 'First-response SLA by desk and channel (manager, admin)',
    description:
      `${FILTERS_NOTE} Over cases with a first-response clock (phone, walk-in and seminar ` +
      'are answered on contact and have none). Met: first response at or before the due ' +
      'time (which moved for time waiting on the customer); breached: answered late, or ' +
      'unanswered past it; pending: unanswered, not yet due. metPercent = met ÷ (met + ' +
      'breached). The median response time is in business hours from receipt to first ' +
      'response on the desk’s calendar, to the minute, over answered cases.',
  })
  @ReportResponse(SlaReportDto)
  sla(
    @Query() query: ReportQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<SlaReportDto | StreamableFile> {
    return this.output.respond(
      actor,
      'sla',
      query,
      () => this.backlogs.sla(query, actor.principal!),
      slaTables,
    );
  }

  @Get('sessions')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsSessions',
    summary: 'Expert sessions: referral rate, use per organization, kinds, experts, honoraria',
    description:
      `${FILTERS_NOTE} The referral rate and sessions used per organization are over the ` +
      'cases received in the period; the kind mix, each expert’s load and the honoraria are ' +
      'over the sessions held in the period (their Tokyo day) on cases matching the other ' +
      'filters. A session counts unless cancelled; honoraria are those of completed sessions.',
  })
  @ReportResponse(SessionsReportDto)
  sessions(
    @Query() query: ReportQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<SessionsReportDto | StreamableFile> {
    return this.output.respond(
      actor,
      'sessions',
      query,
      () => this.sessionReports.sessions(query, actor.principal!),
      sessionsTables,
    );
  }

  @Get('surveys')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsSurveys',
    summary:
      'Satisfaction surveys: response rate and scores by desk, expert, session kind, fiscal year',
    description:
      `${FILTERS_NOTE} Here from/to apply to the day the session was held. Over the surveys ` +
      'sent: response rate = answered ÷ sent; the means are over the answers; the share ' +
      'intending to introduce or extend telework is over the answers that stated an intention.',
  })
  @ReportResponse(SurveysReportDto)
  surveys(
    @Query() query: ReportQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<SurveysReportDto | StreamableFile> {
    return this.output.respond(
      actor,
      'surveys',
      query,
      () => this.surveyReports.surveys(query, actor.principal!),
      surveysTables,
    );
  }

  @Get('outcomes')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsOutcomes',
    summary: 'Adoption rate by block, industry and size, next to the reference figures',
    description:
      `${FILTERS_NOTE} Adoption rate = adopted ÷ closed cases with a known outcome ` +
      '(adopted, planned, not adopted); closed with outcome unknown is counted but left out ' +
      'of the rate. The government targets and measured rate are reference figures from a ' +
      'survey of firms with 100+ employees, not comparable one-to-one with an SME caseload.',
  })
  @ReportResponse(OutcomesReportDto)
  outcomes(
    @Query() query: ReportQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<OutcomesReportDto | StreamableFile> {
    return this.output.respond(
      actor,
      'outcomes',
      query,
      () => this.outcomeReports.outcomes(query, actor.principal!),
      outcomesTables,
    );
  }

  @Get('referrals')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsReferrals',
    summary: 'Cases referred to each support program, by program version (fiscal year)',
    description: FILTERS_NOTE,
  })
  @ReportResponse(ReferralsReportDto)
  referrals(
    @Query() query: ReportQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<ReferralsReportDto | StreamableFile> {
    return this.output.respond(
      actor,
      'referrals',
      query,
      () => this.caseloads.referrals(query, actor.principal!),
      referralsTables,
    );
  }

  @Get('funnel')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsFunnel',
    summary: 'Inquiries → cases with expert sessions → of those, adopted',
    description: `${FILTERS_NOTE} A session counts unless cancelled.`,
  })
  @ReportResponse(FunnelReportDto)
  funnel(
    @Query() query: ReportQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<FunnelReportDto | StreamableFile> {
    return this.output.respond(
      actor,
      'funnel',
      query,
      () => this.caseloads.funnel(query, actor.principal!),
      funnelTables,
    );
  }

  @Get('export')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsExportCases',
    summary: 'Every matching case as one row, CSV or xlsx, streamed (audited)',
    description:
      `${FILTERS_NOTE} Streamed from a server-side cursor, so a million rows keep the ` +
      'server’s memory flat. xlsx starts a new worksheet every 1,048,575 rows (Excel’s limit).',
  })
  @DownloadResponse(['csv', 'xlsx'], 'CSV (UTF-8 with BOM, CRLF) or an xlsx workbook')
  exportCases(
    @Query() query: CaseExportQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<StreamableFile> {
    const { format = 'csv', ...filters } = query;
    return this.output.stream(actor, 'cases', format, { report: 'cases', format, filters }, () =>
      this.exports.export(filters, format, actor.principal!),
    );
  }
}
