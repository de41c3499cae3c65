import {
  CASE_OUTCOMES,
  CASE_STATUSES,
  CHANNELS,
  REGIONAL_BLOCKS,
  SIZE_BANDS,
} from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
  ValidateIf,
} from 'class-validator';
import { ContactDto } from '../../organizations/dto/contact.dto';
import { OrganizationDto } from '../../organizations/dto/organization.dto';
import { TOPIC_CODES, TOPICS_MESSAGE } from './intake.dto';

export class CaseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '2026-000123', description: 'Unique per fiscal year (April–March)' })
  number!: string;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: string;

  @ApiProperty({ enum: CHANNELS })
  channel!: string;

  @ApiProperty({ example: 'national' })
  deskId!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  assigneeId!: string | null;

  @ApiProperty()
  subject!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ type: [String] })
  topics!: string[];

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ type: String, nullable: true, enum: ['inbound', 'outbound'] })
  callDirection!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  callDurationSeconds!: number | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  firstResponseDueAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  firstRespondedAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'Resolution target: the desk closing time N business days after receipt',
  })
  resolutionDueAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'Set while the case waits on the customer: the SLA clocks are paused',
  })
  slaPausedSince!: string | null;

  @ApiProperty({ type: () => PendingTransferDto, nullable: true })
  pendingTransfer!: PendingTransferDto | null;

  @ApiProperty({ type: String, nullable: true, enum: CASE_OUTCOMES })
  outcome!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  outcomeConfirmedOn!: string | null;

  @ApiProperty({ type: String, nullable: true })
  notAdoptedReason!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  closedAt!: string | null;

  @ApiProperty({
    description:
      'Send back on PATCH and transitions; a stale one answers 409 CASE_VERSION_CONFLICT',
  })
  version!: number;

  @ApiProperty({ type: OrganizationDto })
  organization!: OrganizationDto;

  @ApiProperty({ type: ContactDto, nullable: true })
  contact!: ContactDto | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class PendingTransferDto {
  @ApiProperty()
  toDeskId!: string;

  @ApiProperty()
  fromDeskId!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'The receiving desk accepts or bounces by then',
  })
  acceptDueAt!: string;
}

export class UpdateCaseDto {
  @ApiProperty({ description: 'The version the client saw' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  subject?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsIn(TOPIC_CODES, { each: true, message: TOPICS_MESSAGE })
  topics?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  contactId?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'How long the call lasted, in seconds (phone cases)',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86400)
  callDurationSeconds?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, enum: ['inbound', 'outbound'] })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(['inbound', 'outbound'])
  callDirection?: 'inbound' | 'outbound' | null;
}

export class AssigneeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['operator', 'desk_staff'] })
  role!: string;
}

export class AssigneeListDto {
  @ApiProperty({ type: [AssigneeDto] })
  items!: AssigneeDto[];
}

export class TransitionDto {
  @ApiProperty({ enum: CASE_STATUSES })
  @IsIn(CASE_STATUSES)
  to!: (typeof CASE_STATUSES)[number];

  @ApiProperty({ description: 'The version the client saw' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: CASE_OUTCOMES, description: 'Required to close' })
  @IsOptional()
  @IsIn(CASE_OUTCOMES)
  outcome?: (typeof CASE_OUTCOMES)[number];

  @ApiPropertyOptional({
    format: 'date',
    description: 'The day the outcome was confirmed; required to close',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  outcomeConfirmedOn?: string;

  @ApiPropertyOptional({ description: 'Required when the outcome is not_adopted' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notAdoptedReason?: string;

  @ApiPropertyOptional({ description: 'Why, for the timeline' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export const EVENT_KINDS_WRITABLE = ['note', 'call', 'email_in', 'email_out'] as const;

export class CreateEventDto {
  @ApiProperty({ enum: EVENT_KINDS_WRITABLE })
  @IsIn(EVENT_KINDS_WRITABLE)
  kind!: (typeof EVENT_KINDS_WRITABLE)[number];

  @ApiProperty()
  @IsString()
  @Length(1, 20000)
  body!: string;

  @ApiPropertyOptional({
    description: 'A note that answered the customer counts as the first response',
  })
  @IsOptional()
  @IsBoolean()
  isAnswer?: boolean;

  @ApiPropertyOptional({ enum: ['inbound', 'outbound'], description: 'For calls' })
  @IsOptional()
  @IsIn(['inbound', 'outbound'])
  direction?: 'inbound' | 'outbound';

  @ApiPropertyOptional({ description: 'For calls' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86400)
  durationSeconds?: number;
}

export class CaseEventDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  kind!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  actorId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorName!: string | null;

  @ApiProperty()
  body!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;
}

export class CaseEventListDto {
  @ApiProperty({ type: [CaseEventDto] })
  items!: CaseEventDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export const CASE_VIEWS = [
  'mine',
  'unassigned',
  'overdue',
  'at_risk',
  'incoming',
  'outgoing',
] as const;
export type CaseView = (typeof CASE_VIEWS)[number];

// The report dimensions a chart bar can drill into, with the reports' 'unknown' bucket.
export const CASE_LIST_BLOCKS = [...REGIONAL_BLOCKS.map((b) => b.code), 'unknown'] as const;
export const CASE_LIST_SIZE_BANDS = [...SIZE_BANDS, 'unknown'] as const;

export class CaseQueryDto {
  @ApiPropertyOptional({
    enum: CASE_VIEWS,
    description:
      'A built-in view: mine = my open cases; unassigned = open and unassigned at my desk; ' +
      'overdue = open with a first response or resolution past due; ' +
      'at_risk = open, not yet overdue, with a first response or resolution due within 24 hours; ' +
      'incoming = transferred to my desk and waiting for it to accept or bounce; ' +
      'outgoing = transferred by my desk and not yet answered (withdrawable)',
  })
  @IsOptional()
  @IsIn(CASE_VIEWS)
  view?: CaseView;

  @ApiPropertyOptional({
    description:
      'Words, each to be found (AND) in the number, subject or description, or in the ' +
      "organization's name, reading, corporate number or own phone; matched like organization " +
      'search (full/half width, case, hiragana/katakana). A whole case number is an exact lookup. ' +
      'A whole phone number, typed any way (03-1234-5678, 0312345678, +81 3 1234 5678), is an ' +
      "exact lookup too: the cases of every organization with that number, as its own or a contact's.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    enum: CASE_STATUSES,
    isArray: true,
    description: 'One or more, comma-separated',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',') : value,
  )
  @IsIn(CASE_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,31}$/, { message: 'must be a desk id' })
  deskId?: string;

  @ApiPropertyOptional({ description: 'A user id, or "none" for unassigned' })
  @IsOptional()
  @Matches(/^(none|[0-9a-f-]{36})$/, { message: 'must be a user id or none' })
  assigneeId?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The cases of one organization' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ description: 'A topic code (LAB.TIME) or a category (LAB)' })
  @IsOptional()
  @Matches(/^[A-Z]+(\.[A-Z]+)?$/, { message: 'must be a topic code or category' })
  topic?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^(0[1-9]|[1-3][0-9]|4[0-7])$/, { message: 'must be a prefecture code 01–47' })
  prefectureCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-T]$/, { message: 'must be a JSIC major group A–T' })
  industryCode?: string;

  @ApiPropertyOptional({ enum: ['true', 'false', 'unknown'] })
  @IsOptional()
  @IsIn(['true', 'false', 'unknown'])
  sme?: 'true' | 'false' | 'unknown';

  @ApiPropertyOptional({
    enum: CASE_LIST_BLOCKS,
    description: "Eight-region block of the organization's prefecture, or 'unknown' (none)",
  })
  @IsOptional()
  @IsIn(CASE_LIST_BLOCKS, { message: `must be one of ${CASE_LIST_BLOCKS.join(', ')}` })
  block?: string;

  @ApiPropertyOptional({
    enum: CASE_LIST_SIZE_BANDS,
    description: "Employee band of the organization, or 'unknown' (head count not recorded)",
  })
  @IsOptional()
  @IsIn(CASE_LIST_SIZE_BANDS, { message: `must be one of ${CASE_LIST_SIZE_BANDS.join(', ')}` })
  sizeBand?: string;

  @ApiPropertyOptional({
    example: '2026-04-01',
    description:
      'Received on or after: a date YYYY-MM-DD is that Tokyo day from 00:00 JST (inclusive), ' +
      'as the reports read from/to; a date-time is that instant',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedFrom?: string;

  @ApiPropertyOptional({
    example: '2027-03-31',
    description:
      'Received up to: a date YYYY-MM-DD includes that whole Tokyo day (to 24:00 JST); ' +
      'a date-time is an exclusive instant',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedTo?: string;

  @ApiPropertyOptional({ enum: ['receivedAt', '-receivedAt'], default: '-receivedAt' })
  @IsOptional()
  @IsIn(['receivedAt', '-receivedAt'])
  sort?: 'receivedAt' | '-receivedAt';

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  number!: string;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: string;

  @ApiProperty({ enum: CHANNELS })
  channel!: string;

  @ApiProperty()
  deskId!: string;

  @ApiProperty({ type: String, nullable: true })
  assigneeId!: string | null;

  @ApiProperty()
  subject!: string;

  @ApiProperty({ type: [String] })
  topics!: string[];

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty()
  organizationName!: string;

  @ApiProperty({ type: String, nullable: true })
  prefectureCode!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  firstResponseDueAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  firstRespondedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  resolutionDueAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'A desk asked to accept this case' })
  transferToDeskId!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  transferAcceptDueAt!: string | null;

  @ApiProperty()
  version!: number;
}

export class CaseListDto {
  @ApiProperty({ type: [CaseSummaryDto] })
  items!: CaseSummaryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class CaseExportQueryDto extends CaseQueryDto {
  @ApiPropertyOptional({
    enum: ['csv'],
    default: 'csv',
    description: 'UTF-8 with BOM and CRLF, formula cells neutralised',
  })
  @IsOptional()
  @IsIn(['csv'])
  format?: 'csv';
}
