import { Body, Controller, Get, Patch, Post, Query, type StreamableFile } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import { Allow } from '../../common/auth/policy';
import type { Principal } from '../../common/auth/principal';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { ReportTargetDto, ReportTargetListDto, UpdateReportTargetDto } from './dto/outcomes.dto';
import {
  CreateSnapshotDto,
  ResultsQueryDto,
  SnapshotDto,
  SnapshotListDto,
} from './dto/results.dto';
import { OutcomesService } from './outcomes.service';
import { ResultsWorkbookService } from './results-workbook.service';
import { ResultsService } from './results.service';
import { DownloadResponse } from './report-response.decorator';
import { TargetCodeParam } from './target-code.param';
import { REPORT_READERS } from './reports.controller';

/** The ministries' results report, its frozen snapshots, and the reference figures. */
@ApiTags('reports')
@Controller('reports')
export class ResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly workbook: ResultsWorkbookService,
    private readonly outcomes: OutcomesService,
  ) {}

  @Get('results.xlsx')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsResultsWorkbook',
    summary: 'The results workbook for the ministries, for a month or a fiscal year (audited)',
    description:
      'Sheets: overview; caseload by channel, topic (both levels), prefecture, industry and ' +
      'size; the funnel; expert sessions and honoraria; outcomes with the reference figures; ' +
      'satisfaction surveys (response rate and scores). ' +
      'If the period was frozen in your scope the workbook is built from that snapshot and ' +
      'every sheet says so in its header; otherwise it shows live figures, marked as such.',
  })
  @DownloadResponse(['xlsx'], 'An xlsx workbook')
  resultsWorkbook(
    @Query() query: ResultsQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<StreamableFile> {
    return this.workbook.download(query.period, actor);
  }

  @Post('snapshots')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsSnapshotCreate',
    summary: 'Freeze the results of a period that has ended, in your scope (audited)',
  })
  @ApiCreatedResponse({ type: SnapshotDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'REPORT_SNAPSHOT_EXISTS, with snapshotId',
  })
  freeze(@Body() dto: CreateSnapshotDto, @Actor() actor: ActorContext): Promise<SnapshotDto> {
    return this.results.freeze(dto.period, actor);
  }

  @Get('snapshots')
  @Allow(...REPORT_READERS)
  @ApiOperation({ operationId: 'reportsSnapshotList', summary: 'Frozen results in your scope' })
  @ApiOkResponse({ type: SnapshotListDto })
  snapshots(@CurrentPrincipal() principal: Principal): Promise<SnapshotListDto> {
    return this.results.list(principal);
  }

  @Get('targets')
  @Allow(...REPORT_READERS)
  @ApiOperation({
    operationId: 'reportsTargetList',
    summary: 'The government reference figures shown next to the outcomes',
  })
  @ApiOkResponse({ type: ReportTargetListDto })
  targets(): Promise<ReportTargetListDto> {
    return this.outcomes.targets();
  }

  @Patch('targets/:code')
  @Allow('admin')
  @ApiOperation({
    operationId: 'reportsTargetUpdate',
    summary: 'Change a reference figure; send the version you saw (admin, audited)',
  })
  @ApiOkResponse({ type: ReportTargetDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'REPORT_TARGET_VERSION_CONFLICT, with currentVersion',
  })
  updateTarget(
    @TargetCodeParam() code: string,
    @Body() dto: UpdateReportTargetDto,
    @Actor() actor: ActorContext,
  ): Promise<ReportTargetDto> {
    return this.outcomes.updateTarget(code, dto, actor);
  }
}
