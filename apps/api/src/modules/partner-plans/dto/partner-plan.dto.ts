import { PLAN_PARTIES } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const blankToNull = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || null : value;

/** The fields of a plan activity a manager sets. */
export class PartnerPlanActivityFieldsDto {
  @ApiProperty({ example: 2026, description: 'The plan’s fiscal year (April–March)' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;

  @ApiProperty({
    enum: PLAN_PARTIES,
    enumName: 'OrganizerKind',
    description: 'The party doing it: the same values as an event’s organizer',
  })
  @IsIn(PLAN_PARTIES)
  party!: (typeof PLAN_PARTIES)[number];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'kanto',
    description: 'Required when party is regional_desk',
  })
  @ValidateIf((o: PartnerPlanActivityFieldsDto) => o.party === 'regional_desk')
  @IsString()
  @Length(1, 50)
  partyDeskId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '東京商工会議所' })
  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(200)
  partyName?: string | null;

  @ApiProperty({ example: '会報で東京テレワーク推進センターを周知' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ example: '回', description: 'What the figures count' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  unit?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 12, description: 'null: none' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  target?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 4,
    description: 'The figure the party reported; null until reported',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  achieved?: number | null;
}

export class CreatePartnerPlanActivityDto extends PartnerPlanActivityFieldsDto {}

export class UpdatePartnerPlanActivityDto extends PartialType(PartnerPlanActivityFieldsDto) {
  @ApiProperty({
    description: 'The version you saw; a stale one answers 409 PARTNER_PLAN_VERSION_CONFLICT',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class PartnerPlanActivityDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 2026 }) fiscalYear!: number;
  @ApiProperty({ enum: PLAN_PARTIES, enumName: 'OrganizerKind' }) party!: string;
  @ApiProperty({ type: String, nullable: true }) partyDeskId!: string | null;
  @ApiProperty({ type: String, nullable: true }) partyName!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ type: Number, nullable: true }) target!: number | null;
  @ApiProperty({ type: Number, nullable: true }) achieved!: number | null;
  @ApiProperty({ description: 'Events linked to the activity' }) linkedEvents!: number;
  @ApiProperty({ description: 'Case referrals linked to the activity' }) linkedReferrals!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'achieved ÷ target in percent (one decimal)',
  })
  percent!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '(linked events + referrals) ÷ target in percent',
  })
  linkedPercent!: number | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class PartnerPlanActivityListDto {
  @ApiProperty({ type: [PartnerPlanActivityDto] }) items!: PartnerPlanActivityDto[];
}

export class PartnerPlanLinkedEventDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ enum: PLAN_PARTIES, enumName: 'OrganizerKind' }) organizerKind!: string;
}

export class PartnerPlanLinkedReferralDto {
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty() programNameJa!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PartnerPlanActivityDetailDto extends PartnerPlanActivityDto {
  @ApiProperty({ type: [PartnerPlanLinkedEventDto] }) events!: PartnerPlanLinkedEventDto[];
  @ApiProperty({ type: [PartnerPlanLinkedReferralDto] })
  referrals!: PartnerPlanLinkedReferralDto[];
}

export class PartnerPlanQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ enum: PLAN_PARTIES, enumName: 'OrganizerKind' })
  @IsOptional()
  @IsIn(PLAN_PARTIES)
  party?: (typeof PLAN_PARTIES)[number];
}

export class LinkEventDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  eventId!: string;
}

export class LinkReferralDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  referralId!: string;
}

export class ReferralCandidateQueryDto {
  @ApiProperty({ example: 2026, description: 'Referrals made in this fiscal year (JST)' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;
}

export class ReferralCandidateListDto {
  @ApiProperty({ type: [PartnerPlanLinkedReferralDto] }) items!: PartnerPlanLinkedReferralDto[];
}
