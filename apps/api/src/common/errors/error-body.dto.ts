import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from './error-codes';

export class FieldErrorDto {
  @ApiProperty({ example: 'organization.corporateNumber' })
  field!: string;

  @ApiProperty({
    example: 'must be a valid corporate number',
    description: 'English, for logs and API users; a client words its own from `constraint`.',
  })
  message!: string;

  @ApiProperty({
    example: 'isLength',
    description:
      "The broken constraint: class-validator's names (isLength, maxLength, arrayMinSize, isEmail, isNotEmpty, isIn, isEnum, matches, whitelistValidation, …), ours (isCorporateNumber, isJapanesePhone, …), or `invalid`.",
  })
  constraint!: string;

  @ApiPropertyOptional({
    description: "The constraint's limits or choices, e.g. {min: 1, max: 200}.",
    type: 'object',
    additionalProperties: true,
    example: { min: 1, max: 200 },
  })
  params?: Record<string, unknown>;
}

/** Documents the one error shape in OpenAPI, so the generated client has its type. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode' })
  code!: ErrorCode;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  details?: FieldErrorDto[];

  @ApiPropertyOptional({ description: 'Present on 500s; the same id is in the server log.' })
  errorId?: string;
}
