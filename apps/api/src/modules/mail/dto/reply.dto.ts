import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';

const trimmedList = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : v))
    : value;

export class CreateReplyDto {
  @ApiProperty({ type: [String], example: ['sato@example.co.jp'] })
  @Transform(trimmedList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true, message: 'must be email addresses' })
  @MaxLength(254, { each: true })
  to!: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(trimmedList)
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true, message: 'must be email addresses' })
  @MaxLength(254, { each: true })
  cc?: string[];

  @ApiProperty({ description: 'The case token [#number] is added when missing' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  subject!: string;

  @ApiProperty({ description: 'Plain text, the signature and any quoted history included' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  body!: string;
}
