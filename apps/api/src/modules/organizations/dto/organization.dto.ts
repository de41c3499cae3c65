import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  ALLOWANCE_PERIODS,
  normalizeCorporateNumber,
  SME_REASONS,
  TELEWORK_STATUS_SOURCES,
} from '@madoguchi/domain';
import {
  IsCorporateNumber,
  IsIndustrySubcode,
  IsJapanesePhone,
} from '../../../common/http/validators';

export const TELEWORK_STATUS_VALUES = ['not_started', 'trial', 'partial', 'adopted'] as const;
export const SME_SECTOR_VALUES = [
  'manufacturing_other',
  'wholesale',
  'retail',
  'services',
] as const;
const PREFECTURE = /^(0[1-9]|[1-3][0-9]|4[0-7])$/;
const INDUSTRY = /^[A-T]$/;

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const blankToNull = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === ''
    ? null
    : typeof value === 'string'
      ? value.trim()
      : value;

export class SessionAllowanceDto {
  @ApiProperty({ example: 3, description: 'The program limit plus one per manager’s grant' })
  limit!: number;

  @ApiProperty({
    example: 1,
    description: 'Scheduled, completed and no-show sessions (cancelled ones give their slot back)',
  })
  used!: number;

  @ApiProperty({ example: 2 })
  remaining!: number;

  @ApiProperty({ enum: ALLOWANCE_PERIODS, enumName: 'AllowancePeriod' })
  period!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2026,
    description: 'The fiscal year counted when the period is fiscal_year',
  })
  fiscalYear!: number | null;
}

/** A manager's exception: one more free session, with the reason. */
export class SessionGrantDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'uuid' })
  grantedBy!: string;

  @ApiProperty()
  grantedByName!: string;

  @ApiProperty({ example: 2026, description: 'Counts toward this fiscal year’s allowance' })
  fiscalYear!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** Fields shared by create and update; every one optional on update. */
// class-validator merges a subclass's rules with its parent's, so `name` (required on create,
// optional on update) is declared by each subclass rather than here.
export class OrganizationFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'テレワークショウジ' })
  @IsOptional()
  @Transform(blankToNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(200)
  nameKana?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '7123456789012',
    description: '法人番号 (13 digits, check digit verified)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value.trim() === ''
        ? null
        : (normalizeCorporateNumber(value) ?? value)
      : value,
  )
  @ValidateIf((_o, v) => v !== null)
  @IsCorporateNumber()
  corporateNumber?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '13',
    description: 'JIS X 0401 code 01–47',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(PREFECTURE, { message: 'must be a prefecture code 01–47' })
  prefectureCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(blankToNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'I',
    description: 'JSIC major group A–T',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(INDUSTRY, { message: 'must be a JSIC major group A–T' })
  industryCode?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '693',
    description:
      'JSIC middle group (2 digits) or minor group (3 digits) inside industryCode, sent together with it. The SME sector is read from the finest code known; G, I, K, M and N need it when the major group alone leaves the verdict open (smeReason SECTOR_UNKNOWN).',
  })
  @IsOptional()
  // Full-width digits (６９３) are what a Japanese IME types.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.normalize('NFKC').trim() || null : value,
  )
  @ValidateIf((_o, v) => v !== null)
  @IsIndustrySubcode()
  industrySubcode?: string | null;

  @ApiPropertyOptional({
    enum: SME_SECTOR_VALUES,
    nullable: true,
    description:
      'SME-law sector when the industry group alone does not tell (e.g. wholesale vs retail in I)',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(SME_SECTOR_VALUES)
  smeSector?: (typeof SME_SECTOR_VALUES)[number] | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 45 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  employees?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 30000000 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  capitalYen?: number | null;

  @ApiPropertyOptional({ enum: TELEWORK_STATUS_VALUES })
  @IsOptional()
  @IsIn(TELEWORK_STATUS_VALUES)
  teleworkStatus?: (typeof TELEWORK_STATUS_VALUES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  chamberMember?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, example: '03-1234-5678' })
  @IsOptional()
  @Transform(blankToNull)
  @ValidateIf((_o, v) => v !== null)
  @IsJapanesePhone()
  phone?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string;
}

/** Creating an organization that looks like an existing one takes a stated reason. */
export const DuplicateOverrideReason = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      maxLength: 1000,
      description:
        'Create the organization although it looks like an existing one (ORGANIZATION_POSSIBLE_DUPLICATE); the reason is stored, audited and shown on the organization',
    }),
    IsOptional(),
    Transform(trim),
    IsString(),
    Length(1, 1000),
  );

export class CreateOrganizationDto extends OrganizationFieldsDto {
  @ApiProperty({ example: 'テレワーク商事株式会社' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @DuplicateOverrideReason()
  duplicateOverrideReason?: string;
}

export class UpdateOrganizationDto extends OrganizationFieldsDto {
  @ApiPropertyOptional({ example: 'テレワーク商事株式会社' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    description: 'Why the telework status is set by hand; required when teleworkStatus changes',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  teleworkStatusReason?: string;

  @ApiProperty({ description: 'The version the client saw.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  nameKana!: string | null;

  @ApiProperty({ type: String, nullable: true })
  corporateNumber!: string | null;

  @ApiProperty({ type: String, nullable: true })
  prefectureCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  industryCode!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'JSIC middle (2-digit) or minor (3-digit) group',
  })
  industrySubcode!: string | null;

  @ApiProperty({ enum: SME_SECTOR_VALUES, nullable: true })
  smeSector!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  employees!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  capitalYen!: number | null;

  @ApiProperty({ type: String, nullable: true })
  address!: string | null;

  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'SME under the SME Basic Act; null when the data cannot tell',
  })
  sme!: boolean | null;

  @ApiProperty({
    enum: SME_REASONS,
    enumName: 'SmeReason',
    description:
      'Why sme is what it is. SECTOR_UNKNOWN: the JSIC code leaves several SME sectors possible and they disagree; a finer industrySubcode (or smeSector) decides.',
  })
  smeReason!: string;

  @ApiProperty({ enum: TELEWORK_STATUS_VALUES })
  teleworkStatus!: string;

  @ApiProperty({ enum: TELEWORK_STATUS_SOURCES, nullable: true })
  teleworkStatusSource!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why it was set by hand' })
  teleworkStatusReason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  teleworkStatusChangedAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why this organization was created although it looked like an existing one',
  })
  duplicateOverrideReason!: string | null;

  @ApiProperty()
  chamberMember!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Domestic format, e.g. 03-1234-5678' })
  phone!: string | null;

  @ApiProperty()
  notes!: string;

  @ApiProperty({ type: SessionAllowanceDto })
  sessionAllowance!: SessionAllowanceDto;

  @ApiProperty({ type: [SessionGrantDto], description: 'Extra sessions granted by managers' })
  sessionGrants!: SessionGrantDto[];

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class OrganizationQueryDto {
  @ApiPropertyOptional({
    description:
      'Name, reading (any kana width), corporate number or phone; two characters suffice',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'From the previous page’s nextCursor.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class OrganizationListDto {
  @ApiProperty({ type: [OrganizationDto] })
  items!: OrganizationDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
