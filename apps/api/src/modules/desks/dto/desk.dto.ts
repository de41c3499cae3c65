import { CHANNELS } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export const ASSIGNMENT_MODES = ['off', 'round_robin', 'least_open'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export class DeskDto {
  @ApiProperty({ example: 'kanto' })
  id!: string;

  @ApiProperty({ enum: ['national', 'regional'] })
  kind!: 'national' | 'regional';

  @ApiProperty()
  nameJa!: string;

  @ApiProperty()
  nameEn!: string;

  @ApiProperty({ type: [String], description: 'JIS prefecture codes this desk covers' })
  prefectures!: string[];

  @ApiProperty({ example: '09:00' })
  openTime!: string;

  @ApiProperty({ example: '17:00' })
  closeTime!: string;

  @ApiProperty({ enum: ASSIGNMENT_MODES })
  assignmentMode!: AssignmentMode;

  @ApiProperty({ description: 'Business days a receiving desk has to accept a transfer' })
  transferAcceptBusinessDays!: number;

  @ApiProperty({
    enum: CHANNELS,
    description: "The channel this desk's intake starts from",
  })
  defaultChannel!: (typeof CHANNELS)[number];

  @ApiProperty()
  active!: boolean;
}

export class DeskListDto {
  @ApiProperty({ type: [DeskDto] })
  items!: DeskDto[];
}

export class UpdateDeskDto {
  @ApiPropertyOptional({ example: '09:00' })
  @IsOptional()
  @Matches(HH_MM, { message: 'must be a time HH:MM' })
  openTime?: string;

  @ApiPropertyOptional({ example: '17:00' })
  @IsOptional()
  @Matches(HH_MM, { message: 'must be a time HH:MM' })
  closeTime?: string;

  @ApiPropertyOptional({ enum: ASSIGNMENT_MODES })
  @IsOptional()
  @IsIn(ASSIGNMENT_MODES)
  assignmentMode?: AssignmentMode;

  @ApiPropertyOptional({ minimum: 1, maximum: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  transferAcceptBusinessDays?: number;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  defaultChannel?: (typeof CHANNELS)[number];
}

export class DeskClosureDto {
  @ApiProperty({ example: '2026-12-25', description: 'A date (JST) the desk is closed' })
  date!: string;

  @ApiProperty()
  reason!: string;
}

export class DeskClosureListDto {
  @ApiProperty({ type: [DeskClosureDto] })
  items!: DeskClosureDto[];
}

export class CreateDeskClosureDto {
  @ApiProperty({ example: '2026-12-25' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  date!: string;

  @ApiPropertyOptional({ example: '研修のため休業' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

const CLOSURE_REASONS = ['weekend', 'holiday', 'year_end', 'desk_closure'] as const;

export class DeskCalendarQueryDto {
  @ApiProperty({ example: '2026-12-01', description: 'First Tokyo date, inclusive' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'must be a date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2027-01-31', description: 'Last Tokyo date, inclusive; ≤ 400 days on' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'must be a date YYYY-MM-DD' })
  to!: string;
}

export class ClosedDayDto {
  @ApiProperty({ format: 'date' })
  date!: string;

  @ApiProperty({ enum: CLOSURE_REASONS })
  reason!: (typeof CLOSURE_REASONS)[number];
}

export class DeskCalendarDto {
  @ApiProperty({ example: '09:00' })
  openTime!: string;

  @ApiProperty({ example: '17:00' })
  closeTime!: string;

  @ApiProperty({
    type: [ClosedDayDto],
    description: 'Every closed day in the range: weekends, holidays, year-end, desk closures',
  })
  closedDays!: ClosedDayDto[];
}
