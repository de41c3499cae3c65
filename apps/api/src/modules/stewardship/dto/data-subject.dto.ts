import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDateString,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export const DATA_SUBJECT_REQUEST_KINDS = [
  'disclosure',
  'correction',
  'stop_of_use',
  'erasure',
] as const;
export type DataSubjectRequestKind = (typeof DATA_SUBJECT_REQUEST_KINDS)[number];
export const DATA_SUBJECT_REQUEST_STATUSES = [
  'received',
  'in_progress',
  'answered',
  'rejected',
] as const;
export type DataSubjectRequestStatus = (typeof DATA_SUBJECT_REQUEST_STATUSES)[number];

export class DataSubjectSearchQueryDto {
  @ApiPropertyOptional({ example: 'yamada@example.co.jp' })
  @IsOptional()
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '03-1234-5678' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ example: '山田 太郎', description: 'Name or reading, spaces ignored' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class SubjectContactDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) nameKana!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  pseudonymizedAt!: string | null;
}

export class SubjectCaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) contactId!: string | null;
  @ApiProperty() onLegalHold!: boolean;
}

export class SubjectMailDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) caseId!: string | null;
  @ApiProperty({ enum: ['in', 'out'] }) direction!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() fromAddress!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class SubjectSessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() status!: string;
  @ApiProperty() mode!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
}

export class SubjectSurveyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'date-time' }) invitedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) answeredAt!: string | null;
  @ApiProperty({ nullable: true, type: Number }) overall!: number | null;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
}

export class SubjectAuditEventDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() action!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorEmail!: string | null;
}

export class DataSubjectSearchResultDto {
  @ApiProperty({ type: [SubjectContactDto] }) contacts!: SubjectContactDto[];
  @ApiProperty({ type: [SubjectCaseDto] }) cases!: SubjectCaseDto[];
  @ApiProperty({ type: [SubjectMailDto] }) mails!: SubjectMailDto[];
  @ApiProperty({ type: [SubjectSessionDto] }) sessions!: SubjectSessionDto[];
  @ApiProperty({ type: [SubjectSurveyDto] }) surveys!: SubjectSurveyDto[];
  @ApiProperty({ type: [SubjectAuditEventDto] }) auditEvents!: SubjectAuditEventDto[];
}

export class CreateDataSubjectRequestDto {
  @ApiProperty({ enum: DATA_SUBJECT_REQUEST_KINDS })
  @IsIn(DATA_SUBJECT_REQUEST_KINDS)
  kind!: DataSubjectRequestKind;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  requesterName!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  requesterEmail?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  requesterPhone?: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the request reached the desk' })
  @IsISO8601({ strict: true })
  receivedAt!: string;

  @ApiProperty({ format: 'date', example: '2026-12-20', description: 'The answer is due by' })
  @IsDateString({ strict: true })
  dueOn!: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string;
}

export class UpdateDataSubjectRequestDto extends PartialType(CreateDataSubjectRequestDto) {
  @ApiPropertyOptional({ enum: DATA_SUBJECT_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(DATA_SUBJECT_REQUEST_STATUSES)
  status?: DataSubjectRequestStatus;
}

export class DataSubjectRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DATA_SUBJECT_REQUEST_KINDS }) kind!: DataSubjectRequestKind;
  @ApiProperty({ enum: DATA_SUBJECT_REQUEST_STATUSES }) status!: DataSubjectRequestStatus;
  @ApiProperty() requesterName!: string;
  @ApiProperty({ nullable: true, type: String }) requesterEmail!: string | null;
  @ApiProperty({ nullable: true, type: String }) requesterPhone!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) answeredAt!: string | null;
  @ApiProperty() notes!: string;
  @ApiProperty({ description: 'Not answered and past its due day (Tokyo)' }) overdue!: boolean;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the person was last pseudonymized under this request (from the audit trail)',
  })
  erasedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class DataSubjectRequestListDto {
  @ApiProperty({ type: [DataSubjectRequestDto] }) items!: DataSubjectRequestDto[];
}

export class EraseDataSubjectDto {
  @ApiProperty({ type: [String], description: 'The contacts that are this person' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  contactIds!: string[];

  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class ErasureResultDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  counts!: Record<string, number>;

  @ApiProperty({ type: [String], description: 'Cases left as they were: on legal hold' })
  heldCaseIds!: string[];
}
