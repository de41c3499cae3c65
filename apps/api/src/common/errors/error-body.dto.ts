import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from './error-codes';

export class FieldErrorDto {
  @ApiProperty({ example: 'organization.corporateNumber' })
  field!: string;

  @ApiProperty({ example: 'must be a valid corporate number' })
  message!: string;
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
