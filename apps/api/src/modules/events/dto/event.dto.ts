import {
  ATTENDANCE_MARKS,
  EVENT_KINDS,
  ORGANIZER_KINDS,
  REGISTRATION_STATUSES,
  TOPICS,
} from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsJapanesePhone, normalizeEmail } from '../../../common/http/validators';

const TOPIC_CODES = TOPICS.map((topic) => topic.code);
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const blankToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() || undefined : value;

/** The fields of an event a client sets. */
export class EventFieldsDto {
  @ApiProperty({ enum: EVENT_KINDS, enumName: 'OutreachEventKind' })
  @IsIn(EVENT_KINDS)
  kind!: (typeof EVENT_KINDS)[number];

  @ApiProperty({ example: 'テレワーク導入セミナー（関東）' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiProperty({ format: 'date-time', description: 'Shown in JST; the fiscal year follows it' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ format: 'date-time', description: 'After startsAt' })
  @IsISO8601({ strict: true })
  endsAt!: string;

  @ApiPropertyOptional({ description: 'Where it is held; a venue or an online URL is required' })
  @ValidateIf((o: EventFieldsDto) => o.venue !== undefined || !o.onlineUrl)
  @Transform(blankToUndefined)
  @IsString()
  @Length(1, 500)
  venue?: string;

  @ApiPropertyOptional({ example: 'https://example.jp/webinar' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  onlineUrl?: string;

  @ApiPropertyOptional({ example: '13', description: 'Where the venue is (JIS X 0401)' })
  @IsOptional()
  @Matches(/^(0[1-9]|[1-3][0-9]|4[0-7])$/)
  prefectureCode?: string;

  @ApiPropertyOptional({ example: 40, description: 'Seats; without it there is no limit' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number;

  @ApiProperty({ enum: ORGANIZER_KINDS, enumName: 'OrganizerKind' })
  @IsIn(ORGANIZER_KINDS)
  organizerKind!: (typeof ORGANIZER_KINDS)[number];

  @ApiPropertyOptional({
    example: 'kanto',
    description: 'Required when organizerKind is regional_desk',
  })
  @ValidateIf(
    (o: EventFieldsDto) => o.organizerKind === 'regional_desk' || o.organizerDeskId !== undefined,
  )
  @IsString()
  @Length(1, 50)
  organizerDeskId?: string;

  @ApiPropertyOptional({
    example: '東京商工会議所',
    description: 'The organizer by name (a chamber, other)',
  })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(200)
  organizerName?: string;

  @ApiPropertyOptional({ type: [String], example: ['東京都'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  coSponsors?: string[];

  @ApiPropertyOptional({ type: [String], example: ['LAB.RULES', 'ICT.SEC'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsIn(TOPIC_CODES, {
    each: true,
    message: 'each value must be a known topic code such as LAB.TIME',
  })
  topics?: string[];

  @ApiPropertyOptional({
    description:
      'Open on the public registration page (/event/:id) until it starts; off (false) when not given',
  })
  @IsOptional()
  @IsBoolean()
  published?: boolean;
}

export class CreateOutreachEventDto extends EventFieldsDto {}

export class UpdateEventDto extends PartialType(EventFieldsDto) {
  @ApiProperty({
    description: 'The version you saw; a stale one answers 409 EVENT_VERSION_CONFLICT',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class EventCountsDto {
  @ApiProperty() registered!: number;
  @ApiProperty() waitlisted!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty() attended!: number;
  @ApiProperty() noShow!: number;
  @ApiProperty() casesOpened!: number;
}

export class EventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EVENT_KINDS, enumName: 'OutreachEventKind' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ example: 2026 }) fiscalYear!: number;
  @ApiProperty({ type: String, nullable: true }) venue!: string | null;
  @ApiProperty({ type: String, nullable: true }) onlineUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) prefectureCode!: string | null;
  @ApiProperty({ type: Number, nullable: true }) capacity!: number | null;
  @ApiProperty({ enum: ORGANIZER_KINDS, enumName: 'OrganizerKind' }) organizerKind!: string;
  @ApiProperty({ type: String, nullable: true }) organizerDeskId!: string | null;
  @ApiProperty({ type: String, nullable: true }) organizerName!: string | null;
  @ApiProperty({ type: [String] }) coSponsors!: string[];
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ description: 'Open on the public registration page' }) published!: boolean;
  @ApiProperty({
    description: 'Whether the caller may change it and its registrations (desk scoping)',
  })
  editable!: boolean;
  @ApiProperty({ type: EventCountsDto }) counts!: EventCountsDto;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class EventListDto {
  @ApiProperty({ type: [EventDto] }) items!: EventDto[];
}

export class EventQueryDto {
  @ApiPropertyOptional({ example: 2026 })
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

  @ApiPropertyOptional({ example: 'kanto', description: 'Events the desk organizes' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  deskId?: string;
}

export class RegistrationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contactId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) nameKana!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ enum: REGISTRATION_STATUSES, enumName: 'RegistrationStatus' }) status!: string;
  @ApiProperty({ enum: ATTENDANCE_MARKS, enumName: 'AttendanceMark', nullable: true })
  attendance!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) caseNumber!: string | null;
  @ApiProperty({ enum: ['staff', 'import'] }) source!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty() version!: number;
}

export class RegistrationListDto {
  @ApiProperty({ type: [RegistrationDto] }) items!: RegistrationDto[];
}

export class CreateRegistrationDto {
  @ApiProperty({ format: 'uuid', description: 'The attendee’s organization' })
  @IsUUID()
  organizationId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A contact of that organization' })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @ApiProperty({ example: '山田 太郎' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'ヤマダ タロウ' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(200)
  nameKana?: string;

  @ApiPropertyOptional({ example: 'yamada@example.jp' })
  @IsOptional()
  @Transform(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '03-1234-5678' })
  @IsOptional()
  @IsJapanesePhone()
  phone?: string;
}

export class AttendanceDto {
  @ApiProperty({
    enum: ATTENDANCE_MARKS,
    enumName: 'AttendanceMark',
    nullable: true,
    description: 'null clears it',
  })
  @ValidateIf((o: AttendanceDto) => o.attendance !== null)
  @IsIn(ATTENDANCE_MARKS)
  attendance!: (typeof ATTENDANCE_MARKS)[number] | null;
}

export class OpenCaseFromRegistrationDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['LAB.RULES'],
    description: 'Defaults to the event’s topics',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsIn(TOPIC_CODES, {
    each: true,
    message: 'each value must be a known topic code such as LAB.TIME',
  })
  topics?: string[];

  @ApiPropertyOptional({ description: 'Defaults to the event’s title' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @Length(1, 200)
  subject?: string;
}

export class OpenedCaseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ type: RegistrationDto }) registration!: RegistrationDto;
}
