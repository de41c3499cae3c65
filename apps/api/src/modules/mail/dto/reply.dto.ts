import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBase64,
  IsEmail,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

const trimmedList = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : v))
    : value;

export class QuotedMailDto {
  @ApiProperty()
  fromAddress!: string;

  @ApiProperty()
  fromName!: string;

  @ApiProperty({ format: 'date-time' })
  sentAt!: string;

  @ApiProperty()
  text!: string;
}

export class ReplyDraftDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The mailbox the reply goes out from; null when the desk has none with SMTP',
  })
  from!: string | null;

  @ApiProperty({ description: "The mailbox's signature" })
  signature!: string;

  @ApiProperty({ type: [String], description: 'The sender of the latest mail received' })
  to!: string[];

  @ApiProperty({ description: 'Re: the latest subject (the case token is added on sending)' })
  subject!: string;

  @ApiProperty({ nullable: true, type: QuotedMailDto, description: 'The mail being answered' })
  quoted!: QuotedMailDto | null;
}

export class ReplyAttachmentDto {
  @ApiProperty({ example: '就業規則ひな形.pdf' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  filename!: string;

  @ApiProperty({
    description: 'The file, base64; within the request body limit (BODY_LIMIT_BYTES)',
  })
  @IsBase64({}, { message: 'must be base64' })
  contentBase64!: string;
}

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

  @ApiPropertyOptional({
    type: [ReplyAttachmentDto],
    description: "Files sent with the reply (no executables), within the mailbox's message limit",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ReplyAttachmentDto)
  attachments?: ReplyAttachmentDto[];
}
