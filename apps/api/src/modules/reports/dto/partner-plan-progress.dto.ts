import { ORGANIZER_KINDS } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataAsOfDto } from './data-as-of.dto';
import { REPORT_FORMATS, type ReportFormat } from './report-filters.dto';

export class PartnerPlanProgressQueryDto {
  @ApiProperty({ example: 2026, description: 'The plans’ fiscal year (April–March)' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class PartnerPlanProgressRowDto {
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty({ enum: ORGANIZER_KINDS, enumName: 'OrganizerKind' }) party!: string;
  @ApiProperty({ type: String, nullable: true }) partyDeskId!: string | null;
  @ApiProperty({ type: String, nullable: true }) partyName!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ type: Number, nullable: true }) target!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'As the party reported it' })
  achieved!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'achieved ÷ target, %' })
  percent!: number | null;
  @ApiProperty() linkedEvents!: number;
  @ApiProperty() linkedReferrals!: number;
  @ApiProperty({ type: Number, nullable: true, description: '(events + referrals) ÷ target, %' })
  linkedPercent!: number | null;
}

export class PartnerPlanPartyRowDto {
  @ApiProperty({ enum: ORGANIZER_KINDS, enumName: 'OrganizerKind' }) party!: string;
  @ApiProperty({ type: String, nullable: true }) partyDeskId!: string | null;
  @ApiProperty({ type: String, nullable: true }) partyName!: string | null;
  @ApiProperty() activities!: number;
  @ApiProperty({ description: 'Activities with a numeric target' }) withTarget!: number;
  @ApiProperty({ description: 'Activities whose reported figure reached the target' })
  reached!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean of the activities’ percentages (those with a target and a figure)',
  })
  meanPercent!: number | null;
  @ApiProperty() linkedEvents!: number;
  @ApiProperty() linkedReferrals!: number;
}

export class PartnerPlanProgressReportDto extends DataAsOfDto {
  @ApiProperty({ example: 2026 }) fiscalYear!: number;
  @ApiProperty({ type: [PartnerPlanPartyRowDto], description: 'Per party, in the parties’ order' })
  parties!: PartnerPlanPartyRowDto[];
  @ApiProperty({ type: [PartnerPlanProgressRowDto] }) activities!: PartnerPlanProgressRowDto[];
}
