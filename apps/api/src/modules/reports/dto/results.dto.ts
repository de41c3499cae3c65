import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CaseloadRowDto, FunnelReportDto } from './caseload.dto';
import { EventsFunnelReportDto } from './events-funnel.dto';
import { OutcomesReportDto } from './outcomes.dto';
import { PartnerPlanProgressReportDto } from './partner-plan-progress.dto';
import { SessionsReportDto } from './sessions-report.dto';
import { SurveysReportDto } from './surveys-report.dto';

const PERIOD = /^(FY\d{4}|\d{4}-(0[1-9]|1[0-2]))$/;
const PERIOD_MESSAGE = 'must be a month YYYY-MM or a fiscal year FYYYYY (e.g. 2026-10, FY2026)';

export class ResultsQueryDto {
  @ApiProperty({ example: 'FY2026', description: 'A month (2026-10) or a fiscal year (FY2026)' })
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period!: string;
}

export class CreateSnapshotDto {
  @ApiProperty({ example: '2026-10', description: 'A month or a fiscal year that has ended' })
  @Matches(PERIOD, { message: PERIOD_MESSAGE })
  period!: string;
}

export class ResultsCaseloadDto {
  @ApiProperty({ type: [CaseloadRowDto] })
  byChannel!: CaseloadRowDto[];

  @ApiProperty({ type: [CaseloadRowDto], description: 'Level 1; a case counts once per category' })
  byTopic!: CaseloadRowDto[];

  @ApiProperty({ type: [CaseloadRowDto], description: 'Level 2; a case counts once per topic' })
  byTopic2!: CaseloadRowDto[];

  @ApiProperty({ type: [CaseloadRowDto] })
  byPrefecture!: CaseloadRowDto[];

  @ApiProperty({ type: [CaseloadRowDto] })
  byIndustry!: CaseloadRowDto[];

  @ApiProperty({ type: [CaseloadRowDto] })
  bySizeBand!: CaseloadRowDto[];

  @ApiProperty()
  totalCases!: number;
}

/** Everything the results workbook shows; a snapshot stores exactly this. */
export class ResultsFiguresDto {
  @ApiProperty({ example: 'FY2026' })
  period!: string;

  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty({ example: 'all', description: "'all', or the desk a regional manager sees" })
  scope!: string;

  @ApiProperty({ format: 'date-time' })
  computedAt!: string;

  @ApiProperty({ type: ResultsCaseloadDto })
  caseload!: ResultsCaseloadDto;

  @ApiProperty({ type: FunnelReportDto })
  funnel!: FunnelReportDto;

  @ApiProperty({ type: SessionsReportDto })
  sessions!: SessionsReportDto;

  @ApiProperty({ type: OutcomesReportDto })
  outcomes!: OutcomesReportDto;

  @ApiPropertyOptional({
    type: SurveysReportDto,
    description: 'Absent from snapshots frozen before surveys were reported',
  })
  surveys?: SurveysReportDto;

  @ApiPropertyOptional({
    type: EventsFunnelReportDto,
    description: 'The period’s events (by their start). Absent from snapshots frozen before',
  })
  eventsFunnel?: EventsFunnelReportDto;

  @ApiPropertyOptional({
    type: PartnerPlanProgressReportDto,
    description: 'The plans of the fiscal year the period is in. Absent from older snapshots',
  })
  partnerPlans?: PartnerPlanProgressReportDto;
}

export class SnapshotDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'FY2026' })
  period!: string;

  @ApiProperty({ example: 'all' })
  scope!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'uuid' })
  createdBy!: string;

  @ApiProperty()
  createdByName!: string;
}

export class SnapshotListDto {
  @ApiProperty({ type: [SnapshotDto] })
  items!: SnapshotDto[];
}
