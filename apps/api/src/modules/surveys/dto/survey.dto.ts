import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { TELEWORK_INTENTS } from '../survey-page';

export class SurveyAnswerDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  overall!: number;

  @ApiProperty({ minimum: 1, maximum: 5 })
  usefulness!: number;

  @ApiPropertyOptional({ enum: TELEWORK_INTENTS })
  teleworkIntent?: (typeof TELEWORK_INTENTS)[number];

  @ApiPropertyOptional({ maxLength: 2000 })
  comment?: string;
}

export class SessionSurveyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  sessionId!: string;

  @ApiProperty({ enum: ['invited', 'answered', 'expired'] })
  status!: 'invited' | 'answered' | 'expired';

  @ApiProperty({ format: 'date-time' })
  invitedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  remindedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last resent' })
  resentAt!: string | null;

  @ApiProperty({ format: 'date-time', description: 'The link closes then (30 days)' })
  expiresAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  answeredAt!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  overall!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  usefulness!: number | null;

  @ApiProperty({ type: String, nullable: true, enum: TELEWORK_INTENTS })
  teleworkIntent!: string | null;

  @ApiProperty({ type: String, nullable: true })
  comment!: string | null;

  @ApiProperty({ description: 'The contact has opted out of surveys since' })
  contactOptedOut!: boolean;
}

export class SessionSurveyListDto {
  @ApiProperty({ type: [SessionSurveyDto] })
  items!: SessionSurveyDto[];
}

export class UnansweredSurveysQueryDto {
  @ApiPropertyOptional({ example: 'kanto' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,31}$/, { message: 'must be a desk id' })
  deskId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An expert profile id' })
  @IsOptional()
  @IsUUID()
  expertId?: string;

  @ApiPropertyOptional({ example: 2026, description: 'Fiscal year (April–March) of the session' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;
}

export class UnansweredSurveyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  sessionId!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty()
  caseNumber!: string;

  @ApiProperty()
  deskId!: string;

  @ApiProperty()
  organizationName!: string;

  @ApiProperty({ format: 'uuid' })
  expertId!: string;

  @ApiProperty()
  expertName!: string;

  @ApiProperty({ enum: ['assessment', 'preparation', 'follow_up'] })
  sessionKind!: string;

  @ApiProperty({ format: 'date-time' })
  sessionStart!: string;

  @ApiProperty()
  fiscalYear!: number;

  @ApiProperty({ enum: ['invited', 'expired'] })
  status!: 'invited' | 'expired';

  @ApiProperty({ format: 'date-time' })
  invitedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  remindedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resentAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty()
  contactOptedOut!: boolean;
}

export class UnansweredSurveyListDto {
  @ApiProperty({ type: [UnansweredSurveyDto], description: 'Newest invitation first; at most 500' })
  items!: UnansweredSurveyDto[];
}

export class SurveyResentDto {
  @ApiProperty({ format: 'date-time' })
  resentAt!: string;
}
