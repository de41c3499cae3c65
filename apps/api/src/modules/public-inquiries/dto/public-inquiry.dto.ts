import { INDUSTRIES, INQUIRY_TOPIC_VALUES, PREFECTURES } from '@madoguchi/domain';
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
  ValidateIf,
} from 'class-validator';
import { blankToUndefined, checked, trim } from '../../../common/http/form-transforms';
import { IsJapanesePhone } from '../../../common/http/validators';

export const PREFERRED_CHANNELS = ['email', 'phone'] as const;
export const INQUIRY_LANGUAGES = ['ja', 'en'] as const;

/**
 * One submission of the public inquiry form, as JSON or as a plain HTML form post (so every
 * field is flat, named as the form names it). The anti-spam fields come along: the solved ALTCHA
 * payload, the signed start time, and the honeypot that people never see.
 */
export class PublicInquiryDto {
  @ApiProperty({ example: 'テレワーク商事株式会社' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  orgName!: string;

  @ApiPropertyOptional({ example: 'テレワークショウジ' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(200)
  orgNameKana?: string;

  @ApiPropertyOptional({ example: '13', description: 'JIS X 0401 prefecture code' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsIn(PREFECTURES.map((p) => p.code), { message: 'must be a prefecture code 01–47' })
  prefectureCode?: string;

  @ApiPropertyOptional({ example: 'I', description: 'JSIC major group A–T' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsIn(INDUSTRIES.map((i) => i.code), { message: 'must be a JSIC major group A–T' })
  industryCode?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000000 })
  @IsOptional()
  @Transform(blankToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  employees?: number;

  @ApiProperty({ example: '田中 花子' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  contactName!: string;

  @ApiPropertyOptional({ example: 'タナカ ハナコ' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(100)
  contactNameKana?: string;

  @ApiPropertyOptional({
    example: '03-1234-5678',
    description: 'Required when preferredChannel is phone',
  })
  @ValidateIf((o: PublicInquiryDto) => o.phone !== undefined || o.preferredChannel === 'phone')
  @Transform(blankToUndefined)
  @IsJapanesePhone()
  phone?: string;

  @ApiPropertyOptional({
    example: 'tanaka@example.co.jp',
    description: 'Required when preferredChannel is email',
  })
  @ValidateIf((o: PublicInquiryDto) => o.email !== undefined || o.preferredChannel === 'email')
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value.trim() === ''
        ? undefined
        : value.trim().toLowerCase()
      : value,
  )
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiProperty({ enum: INQUIRY_TOPIC_VALUES, description: 'labour, ict or both' })
  @IsIn(INQUIRY_TOPIC_VALUES)
  topic!: (typeof INQUIRY_TOPIC_VALUES)[number];

  @ApiProperty({ example: '在宅勤務の労働時間の管理方法を相談したい' })
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  message!: string;

  @ApiProperty({ enum: PREFERRED_CHANNELS })
  @IsIn(PREFERRED_CHANNELS)
  preferredChannel!: (typeof PREFERRED_CHANNELS)[number];

  @ApiPropertyOptional({ example: '平日の午前中' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(200)
  preferredTimes?: string;

  @ApiProperty({ description: 'Consent to the purpose of use shown on the form' })
  @Transform(checked)
  @Equals(true, { message: 'must be given' })
  consent!: boolean;

  @ApiPropertyOptional({ enum: INQUIRY_LANGUAGES, default: 'ja' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsIn(INQUIRY_LANGUAGES)
  lang?: (typeof INQUIRY_LANGUAGES)[number];

  @ApiProperty({
    description: 'The signed start time from the form (GET /inquiry or GET /api/public/form-token)',
  })
  @IsString()
  @MaxLength(200)
  formToken!: string;

  @ApiPropertyOptional({
    description: 'The solved ALTCHA payload (base64 JSON); required with JSON',
  })
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
}

export class PublicInquiryAcceptedDto {
  @ApiProperty({ example: '2026-000123', description: 'The reference number to quote' })
  referenceNumber!: string;
}

export class FormTokenDto {
  @ApiProperty({ description: 'Post it back as formToken' })
  formToken!: string;
}
