import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../../common/auth/roles';
import type { User } from '../users.repository';

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'operator@example.jp' })
  email!: string;

  @ApiProperty({ example: '相談 一郎' })
  displayName!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ type: String, nullable: true, example: 'kanto' })
  deskId!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ description: 'A new or reset password must be changed before anything else.' })
  mustChangePassword!: boolean;

  @ApiProperty()
  totpEnabled!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastLoginAt!: string | null;

  @ApiProperty({
    description: 'Send back on PATCH; a stale one answers 409 USER_VERSION_CONFLICT.',
  })
  version!: number;

  static from(user: User): UserDto {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      deskId: user.deskId,
      active: user.active,
      mustChangePassword: user.mustChangePassword,
      totpEnabled: user.totpEnabled,
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      version: user.version,
    };
  }
}
