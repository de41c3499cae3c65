import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '../../../common/auth/roles';
import { normalizeEmail } from '../../../common/http/validators';
import { UserDto } from './user.dto';

const DESK_ID = /^[a-z][a-z0-9_]{1,31}$/;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class CreateUserDto {
  @ApiProperty({ example: 'tanaka@example.jp' })
  @Transform(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: '田中 花子' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'kanto',
    description: 'Required for desk_staff.',
  })
  @IsOptional()
  @Matches(DESK_ID, { message: 'must be a desk id' })
  deskId?: string | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(DESK_ID, { message: 'must be a desk id' })
  deskId?: string | null;

  @ApiPropertyOptional({ description: 'false disables the user: their sessions end at once.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ description: 'The version the client saw.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}

export class UserQueryDto {
  @ApiPropertyOptional({ description: 'Matches email or display name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(DESK_ID, { message: 'must be a desk id' })
  deskId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  active?: boolean;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] })
  items!: UserDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Always null: the staff list is short.',
  })
  nextCursor!: string | null;
}

export class CreatedUserDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({ description: 'Shown once; the user must change it at first sign-in.' })
  temporaryPassword!: string;
}
