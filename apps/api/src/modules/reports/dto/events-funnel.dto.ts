import { EVENT_KINDS, ORGANIZER_KINDS } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DataAsOfDto } from './data-as-of.dto';

export class EventsFunnelQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'The events’ fiscal year (April–March, JST)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ enum: EVENT_KINDS, enumName: 'OutreachEventKind' })
  @IsOptional()
  @IsIn(EVENT_KINDS)
  kind?: (typeof EVENT_KINDS)[number];

  @ApiPropertyOptional({ enum: ORGANIZER_KINDS, enumName: 'OrganizerKind' })
  @IsOptional()
  @IsIn(ORGANIZER_KINDS)
  party?: (typeof ORGANIZER_KINDS)[number];

  @ApiPropertyOptional({ example: '13', description: 'Where the event was held (JIS X 0401)' })
  @IsOptional()
  @Matches(/^(0[1-9]|[1-3][0-9]|4[0-7])$/, { message: 'must be a prefecture code 01–47' })
  prefecture?: string;
}

export class EventsFunnelCountsDto {
  @ApiProperty({ description: 'Registrations not cancelled (seats and waiting list)' })
  registrations!: number;
  @ApiProperty({ description: 'Of those, marked attended' })
  attended!: number;
  @ApiProperty({ description: 'Registrations a case was opened from' })
  casesOpened!: number;
  @ApiProperty({ description: 'Of those, cases with an expert session (not cancelled)' })
  firstSession!: number;
  @ApiProperty({
    description: 'Of the cases opened, organizations whose telework status is adopted',
  })
  adopted!: number;
}

export class EventsFunnelRowDto extends EventsFunnelCountsDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: EVENT_KINDS, enumName: 'OutreachEventKind' }) kind!: string;
  @ApiProperty({ enum: ORGANIZER_KINDS, enumName: 'OrganizerKind' }) organizerKind!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
}

export class EventsFunnelReportDto extends DataAsOfDto {
  @ApiProperty({ type: EventsFunnelCountsDto }) totals!: EventsFunnelCountsDto;
  @ApiProperty({ type: [EventsFunnelRowDto], description: 'Per event, earliest first' })
  events!: EventsFunnelRowDto[];
}
