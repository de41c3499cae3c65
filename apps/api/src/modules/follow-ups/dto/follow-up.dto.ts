import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
  ValidateIf,
} from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const ADOPTION = ['adopted', 'planned', 'not_adopted', 'unknown'] as const;

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty()
  caseNumber!: string;

  @ApiProperty()
  caseSubject!: string;

  @ApiProperty()
  organizationName!: string;

  @ApiProperty()
  deskId!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  assigneeId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  assigneeName!: string | null;

  @ApiProperty({ enum: ['manual', 'outcome_check'] })
  kind!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Outcome checks: months after the last session',
  })
  monthsAfter!: number | null;

  @ApiProperty({ format: 'date', example: '2027-02-22' })
  dueOn!: string;

  @ApiProperty()
  overdue!: boolean;

  @ApiProperty()
  note!: string;

  @ApiProperty({ enum: ['open', 'done', 'cancelled'] })
  status!: string;

  @ApiProperty({ type: String, nullable: true, enum: ADOPTION })
  adopted!: string | null;

  @ApiProperty({ type: Boolean, nullable: true })
  subsidyApplied!: boolean | null;

  @ApiProperty({ type: String, nullable: true })
  resultNote!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  completedAt!: string | null;

  @ApiProperty()
  version!: number;
}

export class FollowUpListDto {
  @ApiProperty({ type: [FollowUpDto] })
  items!: FollowUpDto[];
}

/** Either a date or a number of business days from today (on the case desk's calendar). */
export class ScheduleDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-12-01' })
  @ValidateIf((o: ScheduleDto) => o.dueInBusinessDays === undefined)
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD (or give dueInBusinessDays)' })
  dueDate?: string;

  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(250)
  dueInBusinessDays?: number;
}

export class CreateFollowUpDto extends ScheduleDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the case assignee' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RescheduleFollowUpDto extends ScheduleDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class CompleteFollowUpDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: ADOPTION, description: 'Outcome checks: was telework adopted?' })
  @IsOptional()
  @IsIn(ADOPTION)
  adopted?: (typeof ADOPTION)[number];

  @ApiPropertyOptional({ description: 'Outcome checks: did they apply for a subsidy?' })
  @IsOptional()
  @IsBoolean()
  subsidyApplied?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  resultNote?: string;
}

export class FollowUpQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,31}$/, { message: 'must be a desk id' })
  deskId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ enum: ['open', 'done', 'cancelled'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'done', 'cancelled'])
  status?: 'open' | 'done' | 'cancelled';

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ format: 'date', description: 'Due on or before' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  dueBy?: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
