import {
  AWARD_CAUTION_CODES,
  AWARD_EVIDENCE_CODES,
  AWARD_STRENGTHS,
  NOMINATION_STATUSES,
  type AwardCautionCode,
  type AwardEvidenceCode,
  type AwardStrength,
  type NominationStatus,
} from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SIZE_BAND_CODES, type SizeBandCode } from '../../reports/size-bands';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class AwardKindDto {
  @ApiProperty({ example: 'top_runner' })
  id!: string;

  @ApiProperty()
  nameJa!: string;

  @ApiProperty()
  nameEn!: string;

  @ApiProperty({ enum: ['mic', 'mhlw', 'other'] })
  ministry!: string;

  @ApiProperty()
  active!: boolean;
}

export class AwardKindListDto {
  @ApiProperty({ type: [AwardKindDto] })
  items!: AwardKindDto[];
}

export class CandidatesQueryDto {
  @ApiProperty({
    example: 2026,
    description: 'Fiscal year (April–March) of the marks and nominations',
  })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;

  @ApiPropertyOptional({ example: 'kanto', description: 'The desk whose prefectures to list' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,31}$/, { message: 'must be a desk id' })
  deskId?: string;

  @ApiPropertyOptional({ example: '13' })
  @IsOptional()
  @Matches(/^(0[1-9]|[1-3][0-9]|4[0-7])$/, { message: 'must be a prefecture code 01–47' })
  prefectureCode?: string;

  @ApiPropertyOptional({ enum: SIZE_BAND_CODES })
  @IsOptional()
  @IsIn(SIZE_BAND_CODES)
  sizeBand?: SizeBandCode;

  @ApiPropertyOptional({ example: 'I', description: 'JSIC major group' })
  @IsOptional()
  @Matches(/^[A-T]$/, { message: 'must be a JSIC major group A–T' })
  industryCode?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Only the organizations marked that year' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  onlyMarked?: boolean;
}

export class CandidateFactsDto {
  @ApiProperty({ description: 'Completed follow-up sessions' })
  followUpSessions!: number;

  @ApiProperty({ description: 'Completed outcome checks that confirmed adoption' })
  outcomeChecksAdopted!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['adopted', 'planned', 'not_adopted', 'unknown'],
    description: 'The latest completed outcome check',
  })
  latestOutcomeCheck!: string | null;

  @ApiProperty()
  surveysAnswered!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Mean overall satisfaction, 1–5' })
  surveyMeanOverall!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Mean usefulness, 1–5' })
  surveyMeanUsefulness!: number | null;
}

export class CandidateEvidenceDto {
  @ApiProperty({ enum: AWARD_EVIDENCE_CODES, isArray: true })
  items!: AwardEvidenceCode[];

  @ApiProperty({ enum: AWARD_CAUTION_CODES, isArray: true })
  cautions!: AwardCautionCode[];

  @ApiProperty({ description: '0–100' })
  score!: number;

  @ApiProperty({ enum: AWARD_STRENGTHS })
  strength!: AwardStrength;

  @ApiProperty({ description: 'Meets the candidate rule (libs/domain awardEvidence)' })
  eligible!: boolean;
}

export class CandidateMarkDto {
  @ApiProperty({ format: 'date-time' })
  markedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  markedBy!: string | null;

  @ApiProperty()
  note!: string;
}

export class NominationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty()
  awardKindId!: string;

  @ApiProperty()
  fiscalYear!: number;

  @ApiProperty({ enum: NOMINATION_STATUSES })
  status!: NominationStatus;

  @ApiProperty({ format: 'date' })
  nominatedOn!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  decidedOn!: string | null;

  @ApiProperty()
  note!: string;

  @ApiProperty()
  version!: number;
}

export class CandidateDto {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  prefectureCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  deskId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  industryCode!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  employees!: number | null;

  @ApiProperty({ enum: SIZE_BAND_CODES })
  sizeBand!: string;

  @ApiProperty({ enum: ['not_started', 'trial', 'partial', 'adopted'] })
  teleworkStatus!: string;

  @ApiProperty({ type: CandidateFactsDto })
  facts!: CandidateFactsDto;

  @ApiProperty({ type: CandidateEvidenceDto })
  evidence!: CandidateEvidenceDto;

  @ApiProperty({ type: CandidateMarkDto, nullable: true })
  mark!: CandidateMarkDto | null;

  @ApiProperty({ type: [NominationDto] })
  nominations!: NominationDto[];
}

export class CandidateListDto {
  @ApiProperty()
  fiscalYear!: number;

  @ApiProperty({ type: [CandidateDto] })
  items!: CandidateDto[];
}

export class MarkCandidateDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CreateNominationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId!: string;

  @ApiProperty({ example: 'top_runner' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,31}$/, { message: 'must be an award id' })
  awardKindId!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;

  @ApiProperty({ format: 'date', example: '2026-07-01' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  nominatedOn!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UpdateNominationDto {
  @ApiProperty({ enum: NOMINATION_STATUSES })
  @IsIn(NOMINATION_STATUSES)
  status!: NominationStatus;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'When the result was announced; required for selected / not selected',
  })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  decidedOn?: string | null;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiProperty()
  @IsInt()
  version!: number;
}

export class MarkParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId!: string;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;
}
