import { CHANNELS, TOPICS } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ContactFieldsDto } from '../../organizations/dto/contact.dto';
import {
  DuplicateOverrideReason,
  OrganizationFieldsDto,
} from '../../organizations/dto/organization.dto';

export const TOPIC_CODES = TOPICS.map((topic) => topic.code);
export const TOPICS_MESSAGE = 'each value must be a known topic code such as LAB.TIME';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** `{ id }` picks an existing organization; otherwise the fields create one. */
export class IntakeOrganizationDto extends OrganizationFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing organization' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({ description: 'Required when creating a new organization' })
  @ValidateIf((o: IntakeOrganizationDto) => !o.id)
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @DuplicateOverrideReason()
  duplicateOverrideReason?: string;
}

/** `{ id }` picks an existing contact of the organization; otherwise the fields create one. */
export class IntakeContactDto extends ContactFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing contact of the organization' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({ description: 'Required when creating a new contact' })
  @ValidateIf((o: IntakeContactDto) => !o.id)
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;
}

export class IntakeDto {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: (typeof CHANNELS)[number];

  @ApiPropertyOptional({
    example: 'kanto',
    description:
      'Log the case to this desk instead of letting the routing rules choose it. Regional staff may only choose their own desk.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,31}$/, { message: 'must be a desk id' })
  deskId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;

  @ApiProperty({ type: IntakeOrganizationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => IntakeOrganizationDto)
  organization!: IntakeOrganizationDto;

  @ApiPropertyOptional({ type: IntakeContactDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => IntakeContactDto)
  contact?: IntakeContactDto;

  @ApiProperty({ type: [String], example: ['LAB.TIME', 'ICT.SEC'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsIn(TOPIC_CODES, { each: true, message: TOPICS_MESSAGE })
  topics!: string[];

  @ApiProperty({ example: '在宅勤務の労働時間管理について' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  subject!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ enum: ['inbound', 'outbound'] })
  @IsOptional()
  @IsIn(['inbound', 'outbound'])
  callDirection?: 'inbound' | 'outbound';

  @ApiPropertyOptional({ minimum: 0, maximum: 86400 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86400)
  callDurationSeconds?: number;
}
