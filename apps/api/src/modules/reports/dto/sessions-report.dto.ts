import { DataAsOfDto } from './data-as-of.dto';
import { ApiProperty } from '@nestjs/swagger';

export class SessionsUsedRowDto {
  @ApiProperty({ enum: ['0', '1', '2', '3+'] })
  sessions!: string;

  @ApiProperty()
  organizations!: number;
}

export class SessionKindRowDto {
  @ApiProperty({ enum: ['assessment', 'preparation', 'follow_up'] })
  kind!: string;

  @ApiProperty({ description: 'Sessions not cancelled' })
  sessions!: number;

  @ApiProperty()
  completed!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Share of all sessions, %' })
  percent!: number | null;
}

export class ExpertLoadRowDto {
  @ApiProperty({ format: 'uuid' })
  expertId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'Sessions not cancelled' })
  sessions!: number;

  @ApiProperty()
  completed!: number;

  @ApiProperty({ description: 'Honoraria of completed sessions, yen' })
  honorariumYen!: number;
}

export class HonorariumMonthRowDto {
  @ApiProperty({ example: '2026-10', description: 'Tokyo month of the session' })
  month!: string;

  @ApiProperty()
  completed!: number;

  @ApiProperty()
  honorariumYen!: number;
}

export class SessionsReportDto extends DataAsOfDto {
  @ApiProperty({ description: 'Matching cases (received in the period)' })
  cases!: number;

  @ApiProperty({ description: 'Of those, cases with at least one session (not cancelled)' })
  casesWithSessions!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'casesWithSessions ÷ cases, %' })
  referralRatePercent!: number | null;

  @ApiProperty({
    type: [SessionsUsedRowDto],
    description: 'Organizations of the matching cases by sessions used on those cases',
  })
  organizationsBySessionsUsed!: SessionsUsedRowDto[];

  @ApiProperty({ type: [SessionKindRowDto], description: 'Sessions held in the period' })
  kinds!: SessionKindRowDto[];

  @ApiProperty({ type: [ExpertLoadRowDto], description: 'Sessions held in the period' })
  experts!: ExpertLoadRowDto[];

  @ApiProperty({ type: [HonorariumMonthRowDto], description: 'Sessions held in the period' })
  honorariaByMonth!: HonorariumMonthRowDto[];
}
