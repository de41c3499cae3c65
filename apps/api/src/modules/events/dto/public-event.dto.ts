import { PREFECTURES } from '@madoguchi/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  Equals,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { blankToUndefined, checked, trim } from '../../../common/http/form-transforms';
import { IsJapanesePhone } from '../../../common/http/validators';

/**
 * One registration from the public event page, as JSON or a plain form post. The address is
 * required: the confirmation and its cancellation link go there. The anti-spam fields are the
 * inquiry form's (PublicGateService).
 */
export class PublicEventRegistrationDto {
  @ApiProperty({ example: 'テレワーク商事株式会社' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  organizationName!: string;

  @ApiProperty({ example: '田中 花子' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ example: 'タナカ ハナコ' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(100)
  nameKana?: string;

  @ApiProperty({ example: 'tanaka@example.co.jp' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: '03-1234-5678' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsJapanesePhone()
  phone?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000000 })
  @IsOptional()
  @Transform(blankToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  employees?: number;

  @ApiPropertyOptional({ example: '13', description: 'JIS X 0401 prefecture code' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsIn(PREFECTURES.map((p) => p.code), { message: 'must be a prefecture code 01–47' })
  prefectureCode?: string;

  @ApiProperty({ description: 'Consent to the purpose of use shown on the page' })
  @Transform(checked)
  @Equals(true, { message: 'must be given' })
  consent!: boolean;

  @ApiProperty({ description: 'The signed start time (GET /api/public/form-token)' })
  @IsString()
  @MaxLength(200)
  formToken!: string;

  @ApiPropertyOptional({ description: 'The solved ALTCHA payload (base64 JSON); required' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(8000)
  altcha?: string;

  @ApiPropertyOptional({ description: 'Leave empty (a field people never see)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  website?: string;

  @ApiPropertyOptional({ enum: ['ja'], description: 'The page is Japanese only' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  lang?: string;
}

/** What the public may know of a published event. */
export class PublicEventDto {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ nullable: true, type: String }) venue!: string | null;
  @ApiProperty({ description: 'Whether it is held online (the URL goes out by mail only)' })
  online!: boolean;
  @ApiProperty({ nullable: true, type: Number }) capacity!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'null: no limit' })
  seatsLeft!: number | null;
  @ApiProperty() waitlisted!: number;
  @ApiProperty({ description: 'Whether the page takes registrations now' })
  open!: boolean;
}

export class PublicEventRegisteredDto {
  @ApiProperty({ enum: ['registered', 'waitlisted'] })
  status!: 'registered' | 'waitlisted';
}

export class PublicEventCancelledDto {
  @ApiProperty({ enum: ['cancelled'] })
  status!: 'cancelled';
}
