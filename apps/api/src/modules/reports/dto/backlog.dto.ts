import { DataAsOfDto } from './data-as-of.dto';
import { CHANNELS } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ReportQueryDto } from './report-filters.dto';

export const BACKLOG_AGES = ['0-1', '2-5', '6-10', '11-20', '21+'] as const;
export type BacklogAge = (typeof BACKLOG_AGES)[number];

export class BacklogQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ enum: ['desk'], description: 'Split the buckets by owning desk' })
  @IsOptional()
  @IsIn(['desk'])
  groupBy?: 'desk';
}

export class BacklogRowDto {
  @ApiPropertyOptional({ description: 'With groupBy=desk' })
  desk?: string;

  @ApiProperty({ enum: BACKLOG_AGES, description: 'Age in business days' })
  age!: string;

  @ApiProperty()
  count!: number;
}

export class BacklogReportDto extends DataAsOfDto {
  @ApiProperty({ format: 'date', description: 'Today in Tokyo: ages count up to this day' })
  asOf!: string;

  @ApiProperty({ type: [BacklogRowDto] })
  rows!: BacklogRowDto[];

  @ApiProperty()
  totalOpen!: number;
}

export class SlaRowDto {
  @ApiProperty({ example: 'national', description: "The owning desk, or '*' for all" })
  desk!: string;

  @ApiProperty({ enum: [...CHANNELS, '*'] })
  channel!: string;

  @ApiProperty({ description: 'Cases with a first-response clock' })
  clocked!: number;

  @ApiProperty({ description: 'First response by the due time' })
  met!: number;

  @ApiProperty({ description: 'Answered late, or unanswered past the due time' })
  breached!: number;

  @ApiProperty({ description: 'Unanswered, not yet due' })
  pending!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'met ÷ (met + breached), %' })
  metPercent!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median business hours from receipt to first response (answered cases)',
  })
  medianResponseBusinessHours!: number | null;
}

export class SlaReportDto extends DataAsOfDto {
  @ApiProperty({ type: [SlaRowDto] })
  rows!: SlaRowDto[];

  @ApiProperty({ type: SlaRowDto })
  total!: SlaRowDto;
}
