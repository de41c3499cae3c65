import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class ReferralProgramDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'mhlw.jinzai-kakuho.telework' })
  code!: string;

  @ApiProperty({ example: 2026, description: 'Fiscal year (April–March) of these terms' })
  fiscalYear!: number;

  @ApiProperty({ enum: ['mhlw', 'mic', 'tokyo', 'chamber', 'other'] })
  provider!: string;

  @ApiProperty({ enum: ['subsidy', 'consultation', 'support_center', 'award', 'guideline'] })
  kind!: string;

  @ApiProperty()
  nameJa!: string;

  @ApiProperty()
  nameEn!: string;

  @ApiProperty()
  summaryJa!: string;

  @ApiProperty({ type: String, nullable: true })
  url!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Who runs the program that year, e.g. 東京しごと財団',
  })
  owner!: string | null;

  @ApiProperty()
  active!: boolean;
}

export class ReferralProgramListDto {
  @ApiProperty({ type: [ReferralProgramDto] })
  items!: ReferralProgramDto[];
}

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  programId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReferralDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: ReferralProgramDto })
  program!: ReferralProgramDto;

  @ApiProperty()
  note!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ReferralListDto {
  @ApiProperty({ type: [ReferralDto] })
  items!: ReferralDto[];
}

const blankToNull = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || null : value;

const PROVIDERS = ['mhlw', 'mic', 'tokyo', 'chamber', 'other'] as const;
const KINDS = ['subsidy', 'consultation', 'support_center', 'award', 'guideline'] as const;

export class CreateReferralProgramDto {
  @ApiProperty({ example: 'tokyo.telework-sokushin' })
  @Matches(/^[a-z0-9_.-]{2,64}$/, { message: 'must be 2–64 of a-z 0-9 _ . -' })
  code!: string;

  @ApiProperty({ example: 2026, description: 'Fiscal year (April–March) of these terms' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;

  @ApiProperty({ enum: PROVIDERS })
  @IsIn(PROVIDERS)
  provider!: (typeof PROVIDERS)[number];

  @ApiProperty({ enum: KINDS })
  @IsIn(KINDS)
  kind!: (typeof KINDS)[number];

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  nameJa!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  nameEn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  summaryJa?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2000)
  url?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '東京しごと財団' })
  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(200)
  owner?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** Code and fiscal year identify a version; a new year's terms are a new program row. */
export class UpdateReferralProgramDto extends PartialType(
  OmitType(CreateReferralProgramDto, ['code', 'fiscalYear'] as const),
) {}

export class ReferralProgramQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ description: 'Include retired programs (admins editing the catalogue)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeInactive?: 'true' | 'false';
}

export class CopyReferralYearDto {
  @ApiProperty({ example: 2026, description: 'The fiscal year to copy from' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fromFiscalYear!: number;

  @ApiProperty({ example: 2027, description: 'The fiscal year to copy into' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  toFiscalYear!: number;

  @ApiPropertyOptional({
    default: false,
    description:
      'Add the codes the target year lacks even though it has programs; without it such a ' +
      'year answers 409 REFERRAL_YEAR_NOT_EMPTY',
  })
  @IsOptional()
  @IsBoolean()
  merge?: boolean;
}

export class CopyReferralYearResultDto {
  @ApiProperty({
    type: [ReferralProgramDto],
    description: 'The programs created in the target year',
  })
  created!: ReferralProgramDto[];

  @ApiProperty({ type: [String], description: 'Codes the target year already had (merge)' })
  skipped!: string[];
}
