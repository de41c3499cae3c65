import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

export class MailboxMessageCountsDto {
  @ApiProperty({ description: 'Received messages that opened a case' })
  created!: number;

  @ApiProperty({ description: 'Received messages added to an existing case' })
  appended!: number;

  @ApiProperty({ description: 'Duplicates and machine mail' })
  ignored!: number;
}

export class MailboxDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'national' })
  deskId!: string;

  @ApiProperty({ example: 'soudan@madoguchi.example.jp' })
  address!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ nullable: true, type: String })
  imapHost!: string | null;

  @ApiProperty({ nullable: true, type: Number })
  imapPort!: number | null;

  @ApiProperty()
  imapTls!: boolean;

  @ApiProperty({ nullable: true, type: String })
  imapUser!: string | null;

  @ApiProperty({
    description: 'Whether an IMAP password is stored; the password is never returned',
  })
  imapPasswordSet!: boolean;

  @ApiProperty({ nullable: true, type: String })
  smtpHost!: string | null;

  @ApiProperty({ nullable: true, type: Number })
  smtpPort!: number | null;

  @ApiProperty()
  smtpTls!: boolean;

  @ApiProperty({ nullable: true, type: String })
  smtpUser!: string | null;

  @ApiProperty({
    description: 'Whether an SMTP password is stored; the password is never returned',
  })
  smtpPasswordSet!: boolean;

  @ApiProperty()
  signature!: string;

  @ApiProperty({ enum: ['ja', 'en'] })
  ackLanguage!: 'ja' | 'en';

  @ApiProperty()
  ackTemplateJa!: string;

  @ApiProperty()
  ackTemplateEn!: string;

  @ApiProperty({ description: 'Acknowledgements per sender per hour; more are not sent' })
  ackMaxPerHour!: number;

  @ApiProperty({ description: 'A reply reopens a case closed this many days ago at most' })
  reopenWithinDays!: number;

  @ApiProperty()
  maxMessageBytes!: number;

  @ApiProperty()
  maxMailboxBytes!: number;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  lastPolledAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  lastError!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  lastErrorAt!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The instance polling the IMAP inbox now (host:pid:id), if any',
  })
  pollingBy!: string | null;

  @ApiProperty({ type: MailboxMessageCountsDto })
  messageCounts!: MailboxMessageCountsDto;

  @ApiProperty()
  version!: number;
}

export class MailboxListDto {
  @ApiProperty({ type: [MailboxDto] })
  items!: MailboxDto[];
}

export class CreateMailboxDto {
  @ApiProperty({ example: 'national' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,31}$/, { message: 'must be a desk id' })
  deskId!: string;

  @ApiProperty({ example: 'soudan@madoguchi.example.jp' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  address!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ example: 'imap.example.jp' })
  @IsOptional()
  @Matches(HOST, { message: 'must be a host name' })
  imapHost?: string;

  @ApiPropertyOptional({ example: 993 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  imapPort?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  imapTls?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(254)
  imapUser?: string;

  @ApiPropertyOptional({ description: 'Stored encrypted; never returned' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  imapPassword?: string;

  @ApiPropertyOptional({ example: 'smtp.example.jp' })
  @IsOptional()
  @Matches(HOST, { message: 'must be a host name' })
  smtpHost?: string;

  @ApiPropertyOptional({ example: 587 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  smtpPort?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  smtpTls?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(254)
  smtpUser?: string;

  @ApiPropertyOptional({ description: 'Stored encrypted; never returned' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  smtpPassword?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  signature?: string;

  @ApiPropertyOptional({ enum: ['ja', 'en'] })
  @IsOptional()
  @IsIn(['ja', 'en'])
  ackLanguage?: 'ja' | 'en';

  @ApiPropertyOptional({
    description: 'Placeholders: {{caseNumber}}, {{subject}}, {{name}}, {{signature}}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  ackTemplateJa?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  ackTemplateEn?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  ackMaxPerHour?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 365 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  reopenWithinDays?: number;

  @ApiPropertyOptional({ minimum: 1024 })
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(2_000_000_000)
  maxMessageBytes?: number;

  @ApiPropertyOptional({ minimum: 1024 })
  @IsOptional()
  @IsInt()
  @Min(1024)
  maxMailboxBytes?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateMailboxDto extends PartialType(OmitType(CreateMailboxDto, ['deskId'])) {
  @ApiPropertyOptional({ example: 'national' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,31}$/, { message: 'must be a desk id' })
  deskId?: string;

  @ApiProperty({ description: 'The version read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class IngestResultDto {
  @ApiProperty({ enum: ['created', 'appended', 'ignored'] })
  action!: 'created' | 'appended' | 'ignored';

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  caseId!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '2026-000123' })
  caseNumber!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'Why: DUPLICATE, AUTO_SUBMITTED, BOUNCE, MAILING_LIST, BULK_PRECEDENCE, AUTO_RESPONSE_SUPPRESS, AUTO_REPLY_SUBJECT; THREADED_BY_HEADERS, THREADED_BY_CASE_NUMBER; REOPENED; ACK_RATE_LIMITED',
  })
  reason!: string | null;

  @ApiProperty({ format: 'uuid' })
  messageId!: string;
}

export class MailAttachmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  filename!: string;

  @ApiProperty({ description: 'The type read from the bytes' })
  sniffedType!: string;

  @ApiProperty()
  size!: number;

  @ApiProperty({ enum: ['stored', 'quarantined', 'too_large'] })
  status!: 'stored' | 'quarantined' | 'too_large';

  @ApiProperty({ nullable: true, type: String })
  statusReason!: string | null;
}

export class MailMessageDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['in', 'out'] })
  direction!: 'in' | 'out';

  @ApiProperty()
  fromAddress!: string;

  @ApiProperty()
  fromName!: string;

  @ApiProperty({ type: [String] })
  to!: string[];

  @ApiProperty()
  subject!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Sanitized HTML, when the mail had HTML',
  })
  html!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  sentAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ type: [String] })
  cc!: string[];

  @ApiProperty({
    nullable: true,
    enum: ['pending', 'sent', 'failed'],
    description:
      'A reply written on the case: pending until the SMTP server accepts it (retried with backoff), failed once the retries are spent; null for received mail and acknowledgements',
  })
  sendStatus!: 'pending' | 'sent' | 'failed' | null;

  @ApiProperty()
  sendAttempts!: number;

  @ApiProperty({ nullable: true, type: String, description: 'Why the last try failed' })
  sendError!: string | null;

  @ApiProperty({ type: [MailAttachmentDto] })
  attachments!: MailAttachmentDto[];
}

export class MailMessageListDto {
  @ApiProperty({ type: [MailMessageDto] })
  items!: MailMessageDto[];
}
