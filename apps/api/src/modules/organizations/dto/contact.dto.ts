import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsJapanesePhone } from '../../../common/http/validators';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const blankToNull = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value;

// `name` is declared by each subclass: class-validator would merge an optional parent rule in.
export class ContactFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'タナカ ハナコ' })
  @IsOptional()
  @Transform(blankToNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(100)
  nameKana?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '総務部長' })
  @IsOptional()
  @Transform(blankToNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(100)
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '03-1234-5678' })
  @IsOptional()
  @Transform(blankToNull)
  @ValidateIf((_o, v) => v !== null)
  @IsJapanesePhone()
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'tanaka@example.co.jp' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (value.trim() === '' ? null : value.trim().toLowerCase()) : value,
  )
  @ValidateIf((_o, v) => v !== null)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ description: 'Consent to be contacted by the desk (follow-ups, surveys)' })
  @IsOptional()
  @IsBoolean()
  contactConsent?: boolean;
}

export class CreateContactDto extends ContactFieldsDto {
  @ApiProperty({ example: '田中 花子' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name!: string;
}

export class UpdateContactDto extends ContactFieldsDto {
  @ApiPropertyOptional({ example: '田中 花子' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({
    description:
      'false: the person is no longer there (left, moved on); kept on record and marked, not offered by default',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ description: 'The version the client saw.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class ContactDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  nameKana!: string | null;

  @ApiProperty({ type: String, nullable: true })
  title!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Domestic format, e.g. 090-1234-5678' })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  @ApiProperty()
  contactConsent!: boolean;

  @ApiProperty({
    description: 'false: no longer there; still listed (marked), not offered by default',
  })
  active!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the contact was marked as no longer there',
  })
  leftAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the contact opted out of satisfaction surveys (by their survey link)',
  })
  surveyOptOutAt!: string | null;

  @ApiProperty()
  version!: number;
}

export class ContactListDto {
  @ApiProperty({ type: [ContactDto] })
  items!: ContactDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;

  @ApiProperty({
    description:
      'true when the organization has contacts you may not see (APPI: only the desks and experts on their cases, the national center, managers and admins do)',
  })
  contactsHidden!: boolean;
}

export class ContactSearchQueryDto {
  @ApiProperty({ description: 'A contact’s whole email address (any case or width)' })
  @IsString()
  @MaxLength(254)
  email!: string;
}

export class ContactHitDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty()
  organizationName!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  @ApiProperty()
  active!: boolean;
}

export class ContactHitListDto {
  @ApiProperty({ type: [ContactHitDto] })
  items!: ContactHitDto[];
}
