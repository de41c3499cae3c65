import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
import {
  MAX_RETENTION_FISCAL_YEARS,
  MIN_RETENTION_FISCAL_YEARS,
  RETENTION_DATA_CLASSES,
  type RetentionDataClass,
} from '@madoguchi/domain';

export class RetentionTermDto {
  @ApiProperty({ enum: RETENTION_DATA_CLASSES })
  @IsIn(RETENTION_DATA_CLASSES)
  dataClass!: RetentionDataClass;

  @ApiProperty({
    description: 'Fiscal years kept after the fiscal year the case closed (or the record was made)',
    minimum: MIN_RETENTION_FISCAL_YEARS,
    maximum: MAX_RETENTION_FISCAL_YEARS,
    example: 5,
  })
  @IsInt()
  @Min(MIN_RETENTION_FISCAL_YEARS)
  @Max(MAX_RETENTION_FISCAL_YEARS)
  fiscalYears!: number;
}

export class RetentionTermStateDto extends RetentionTermDto {
  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'What closed (or happened) before this instant is past its term today',
  })
  cutoff!: string;
}

export class UpdateRetentionPolicyDto {
  @ApiProperty({ type: [RetentionTermDto] })
  @ValidateNested({ each: true })
  @Type(() => RetentionTermDto)
  @ArrayMinSize(1)
  terms!: RetentionTermDto[];
}

export class PseudonymizationRunDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  dryRun!: boolean;

  @ApiProperty({ enum: ['schedule', 'admin', 'erasure'] })
  trigger!: 'schedule' | 'admin' | 'erasure';

  @ApiProperty({ format: 'date-time' })
  asOf!: string;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  finishedAt!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description:
      'Rows touched (or, for a dry run, to touch) per kind: cases, contacts, mailMessages…',
  })
  counts!: Record<string, number>;

  @ApiProperty({ type: [String], description: 'Up to 20 of the cases touched' })
  caseIdsSample!: string[];

  @ApiProperty({ nullable: true, type: String })
  reason!: string | null;

  @ApiProperty({ nullable: true, type: String })
  error!: string | null;
}

export class RetentionOverviewDto {
  @ApiProperty({ type: [RetentionTermStateDto] })
  policy!: RetentionTermStateDto[];

  @ApiProperty({ type: PseudonymizationRunDto, nullable: true })
  lastRun!: PseudonymizationRunDto | null;

  @ApiProperty({ type: PseudonymizationRunDto, nullable: true })
  lastDryRun!: PseudonymizationRunDto | null;
}

export class PseudonymizationRunListDto {
  @ApiProperty({ type: [PseudonymizationRunDto] })
  items!: PseudonymizationRunDto[];
}
