import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { normalizeEmail } from '../../../common/http/validators';
import { UserDto } from '../../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'operator@example.jp' })
  @Transform(normalizeEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'madoguchi-demo-2026' })
  @IsString()
  @Length(1, 200)
  password!: string;

  @ApiPropertyOptional({
    description: 'The 6-digit code when two-factor sign-in is on.',
    example: '123456',
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'must be 6 digits' })
  totpCode?: string;
}

export class SessionDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({ description: 'Send as X-CSRF-Token on every state-changing request.' })
  csrfToken!: string;

  @ApiProperty({
    description: 'Whether this user must enrol in two-factor sign-in before going on.',
  })
  totpRequired!: boolean;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  currentPassword!: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @Length(1, 200)
  newPassword!: string;
}

export class TotpSetupDto {
  @ApiProperty({ description: 'otpauth:// URI to show as a QR code.' })
  otpauthUri!: string;

  @ApiProperty({ description: 'The same secret, for typing into an authenticator by hand.' })
  secret!: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'must be 6 digits' })
  code!: string;
}
