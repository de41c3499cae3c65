import { SESSION_KINDS, SESSION_MODES, SESSION_STATUSES } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const blankToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || undefined : value;

export class BookSessionDto {
  @ApiProperty({ format: 'uuid', description: 'The expert profile (GET /api/experts → id)' })
  @IsUUID()
  expertId!: string;

  @ApiProperty({ enum: SESSION_KINDS, enumName: 'SessionKind' })
  @IsIn(SESSION_KINDS)
  kind!: (typeof SESSION_KINDS)[number];

  @ApiProperty({
    format: 'date-time',
    example: '2026-12-01T10:00:00+09:00',
    description: 'Must be in the future',
  })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  // Without an offset the server's time zone would decide the hour.
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, { message: 'must give its offset, e.g. +09:00' })
  scheduledStart!: string;

  @ApiProperty({ example: 90, minimum: 15, maximum: 480 })
  @Type(() => Number)
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes!: number;

  @ApiProperty({ enum: SESSION_MODES, enumName: 'SessionMode' })
  @IsIn(SESSION_MODES)
  mode!: (typeof SESSION_MODES)[number];

  @ApiPropertyOptional({ example: '本社会議室 / Web会議URLは別途' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(300)
  location?: string;

  @ApiPropertyOptional({
    description:
      'Why a kind that does not fit is booked anyway, e.g. a follow-up before telework was recorded as introduced',
  })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @Length(1, 1000)
  kindOverrideReason?: string;
}

export class RescheduleSessionDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-12-08T14:00:00+09:00',
    description: 'The new start; must be in the future',
  })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, { message: 'must give its offset, e.g. +09:00' })
  scheduledStart!: string;

  @ApiPropertyOptional({
    example: 90,
    minimum: 15,
    maximum: 480,
    description: 'Defaults to the session’s current length',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes?: number;

  @ApiPropertyOptional({ description: 'Why it moved, for the timeline' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ description: 'The session version you saw; a stale one answers 409' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class CompleteSessionDto {
  @ApiProperty({ description: 'What the expert found' })
  @Transform(trim)
  @IsString()
  @Length(1, 20000)
  findings!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(20000)
  recommendations!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(20000)
  nextSteps!: string;

  @ApiProperty({ example: 90 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1440)
  minutesSpent!: number;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 30000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  honorariumYen?: number | null;
}

export class CancelSessionDto {
  @ApiProperty({ example: '先方の都合により延期' })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class NoShowDto {
  @ApiPropertyOptional({ description: 'Goes on the case timeline' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ExpertSessionQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Experts always see only their own' })
  @IsOptional()
  @IsUUID()
  expertId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Sessions starting at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Sessions starting before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: SESSION_STATUSES, enumName: 'SessionStatus' })
  @IsOptional()
  @IsIn(SESSION_STATUSES)
  status?: (typeof SESSION_STATUSES)[number];

  @ApiPropertyOptional({ default: 200, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ExpertSessionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ example: '2026-000123' })
  caseNumber!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty()
  organizationName!: string;

  @ApiProperty({ format: 'uuid' })
  expertId!: string;

  @ApiProperty()
  expertName!: string;

  @ApiProperty({ enum: SESSION_KINDS, enumName: 'SessionKind' })
  kind!: string;

  @ApiProperty({ enum: SESSION_STATUSES, enumName: 'SessionStatus' })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  scheduledStart!: string;

  @ApiProperty({ format: 'date-time' })
  scheduledEnd!: string;

  @ApiProperty()
  durationMinutes!: number;

  @ApiProperty({ enum: SESSION_MODES, enumName: 'SessionMode' })
  mode!: string;

  @ApiProperty({ type: String, nullable: true })
  location!: string | null;

  @ApiProperty({ type: String, nullable: true })
  kindOverrideReason!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The report, once completed' })
  findings!: string | null;

  @ApiProperty({ type: String, nullable: true })
  recommendations!: string | null;

  @ApiProperty({ type: String, nullable: true })
  nextSteps!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  minutesSpent!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  honorariumYen!: number | null;

  @ApiProperty({ type: String, nullable: true })
  cancelReason!: string | null;

  @ApiProperty({ example: 2026, description: 'Fiscal year (April–March, JST) of the session' })
  fiscalYear!: number;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  bookedBy!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When it was completed, cancelled or marked as a no-show',
  })
  closedAt!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class ExpertSessionListDto {
  @ApiProperty({ type: [ExpertSessionDto] })
  items!: ExpertSessionDto[];
}
