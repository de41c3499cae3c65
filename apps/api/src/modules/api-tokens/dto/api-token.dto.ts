import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { TOKEN_SCOPES, type TokenScope } from '../../../common/auth/token-scopes';
import { ROLES, type Role } from '../../../common/auth/roles';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'CRM integration' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Whose token it is; defaults to the admin creating it.',
  })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', description: 'The role the token acts with.' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ example: 'kanto' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,31}$/, { message: 'must be a desk id' })
  deskId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;

  @ApiPropertyOptional({
    enum: TOKEN_SCOPES,
    enumName: 'TokenScope',
    isArray: true,
    default: ['read', 'write'],
    description:
      'read: GET only; write: everything the role may do; mail_ingest: delivering mail only ' +
      '(POST /api/mailboxes/:id/messages)',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(TOKEN_SCOPES, { each: true })
  scopes?: TokenScope[];
}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({
    description: 'The visible start of the token, to recognise it.',
    example: 'mdg_Ab3dEf9h',
  })
  prefix!: string;

  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  userEmail!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ type: String, nullable: true })
  deskId!: string | null;

  @ApiProperty({ enum: TOKEN_SCOPES, enumName: 'TokenScope', isArray: true })
  scopes!: TokenScope[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'Shown once. Send as `Authorization: Bearer <token>`.' })
  token!: string;
}

export class ApiTokenListDto {
  @ApiProperty({ type: [ApiTokenDto] })
  items!: ApiTokenDto[];
}
