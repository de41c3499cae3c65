import { DataAsOfDto } from './data-as-of.dto';
import { CASE_STATUSES, CHANNELS } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { CASELOAD_DIMENSIONS, type CaseloadDimension } from '../dimensions';
import { SIZE_BAND_CODES } from '../size-bands';
import { ReportQueryDto } from './report-filters.dto';

export class CaseloadQueryDto extends ReportQueryDto {
  @ApiProperty({
    enum: CASELOAD_DIMENSIONS,
    isArray: true,
    example: 'month,channel',
    description: 'One or two dimensions, comma-separated',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value,
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2, { message: 'takes at most two dimensions' })
  @ArrayUnique({ message: 'must not repeat a dimension' })
  @IsIn(CASELOAD_DIMENSIONS, {
    each: true,
    message: `each value must be one of ${CASELOAD_DIMENSIONS.join(', ')}`,
  })
  groupBy!: CaseloadDimension[];
}

/** One group: the dimensions asked for (and only those) plus the count. */
export class CaseloadRowDto {
  @ApiPropertyOptional({ format: 'date', description: 'Tokyo day' })
  day?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Monday (JST) the week starts on' })
  week?: string;

  @ApiPropertyOptional({ example: '2026-04' })
  month?: string;

  @ApiPropertyOptional({ example: 2026, description: 'April–March, named by its first year' })
  fiscal_year?: number;

  @ApiPropertyOptional({ example: 'kanto' })
  desk?: string;

  @ApiPropertyOptional({ example: 'kanto', description: "Eight-region block, or 'unknown'" })
  block?: string;

  @ApiPropertyOptional({ example: '13', description: "Prefecture code, or 'unknown'" })
  prefecture?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  channel?: string;

  @ApiPropertyOptional({ example: 'I', description: "JSIC major group, or 'unknown'" })
  industry?: string;

  @ApiPropertyOptional({ enum: SIZE_BAND_CODES })
  size_band?: string;

  @ApiPropertyOptional({ enum: ['true', 'false', 'unknown'] })
  sme?: string;

  @ApiPropertyOptional({ example: 'LAB', description: 'Topic category (level 1)' })
  topic?: string;

  @ApiPropertyOptional({ example: 'LAB.TIME', description: 'Topic code (level 2)' })
  topic2?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  status?: string;

  @ApiProperty()
  count!: number;
}

export class CaseloadReportDto extends DataAsOfDto {
  @ApiProperty({ type: [String], enum: CASELOAD_DIMENSIONS })
  groupBy!: string[];

  @ApiProperty({ type: [CaseloadRowDto] })
  rows!: CaseloadRowDto[];

  @ApiProperty({ description: 'Matching cases (each once, whatever the topics)' })
  totalCases!: number;
}

export const FUNNEL_STAGES = ['inquiries', 'expert_sessions', 'adopted'] as const;

export class FunnelStageDto {
  @ApiProperty({ enum: FUNNEL_STAGES })
  stage!: string;

  @ApiProperty()
  count!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Share of the previous stage, %' })
  percentOfPrevious!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Share of the inquiries, %' })
  percentOfInquiries!: number | null;
}

export class FunnelReportDto extends DataAsOfDto {
  @ApiProperty({ type: [FunnelStageDto] })
  stages!: FunnelStageDto[];
}

export class ReferralRowDto {
  @ApiProperty({ example: 'mhlw.jinzai-kakuho.telework' })
  programCode!: string;

  @ApiProperty({ example: 2026, description: 'The fiscal year of the program version' })
  fiscalYear!: number;

  @ApiProperty()
  nameJa!: string;

  @ApiProperty({ example: 'mhlw' })
  provider!: string;

  @ApiProperty({ example: 'subsidy' })
  kind!: string;

  @ApiProperty({ description: 'Cases referred to it' })
  cases!: number;
}

export class ReferralsReportDto extends DataAsOfDto {
  @ApiProperty({ type: [ReferralRowDto] })
  rows!: ReferralRowDto[];

  @ApiProperty({ description: 'Matching cases with at least one referral' })
  casesReferred!: number;
}
