import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CredentialCache } from '../../common/auth/credential-cache';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService, diff } from '../audit/audit.service';
import { UserDto } from './dto/user.dto';
import { hashPassword, temporaryPassword } from './passwords';
import type {
  CreatedUserDto,
  CreateUserDto,
  UpdateUserDto,
  UserQueryDto,
} from './dto/user-input.dto';
import { type User, UsersRepository } from './users.repository';

const PG_UNIQUE_VIOLATION = '23505';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersRepository,
    private readonly credentials: CredentialCache,
  ) {}

  async list(query: UserQueryDto): Promise<UserDto[]> {
    const users = await this.users.list({
      q: query.q ? `%${query.q.replace(/[%_\\]/g, '\\$&')}%` : null,
      role: query.role ?? null,
      deskId: query.deskId ?? null,
      active: query.active ?? null,
    });
    return users.map((user) => UserDto.from(user));
  }

  async get(id: string): Promise<UserDto> {
    return UserDto.from(await this.find(id));
  }

  /** Creates a user (also used by `npm run cli -- user:create`). */
  async create(
    dto: CreateUserDto,
    actor: ActorContext,
    password?: string,
  ): Promise<CreatedUserDto> {
    const deskId = dto.deskId ?? null;
    if (dto.role === 'desk_staff' && !deskId) {
      throw validationError('deskId', 'is required for the desk_staff role');
    }
    const temporary = password ?? temporaryPassword();
    const passwordHash = await hashPassword(temporary);
    return this.dataSource.transaction(async (db) => {
      await this.assertDesk(db, deskId);
      let id: string;
      try {
        id = await this.users.insert(db, {
          email: dto.email,
          displayName: dto.displayName,
          role: dto.role,
          deskId,
          passwordHash,
        });
      } catch (error) {
        if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
          throw new AppError('USER_EMAIL_TAKEN', 'A user with this email already exists.', [
            { field: 'email', message: 'is already in use' },
          ]);
        }
        throw error;
      }
      const user = await this.find(id, db);
      await this.audit.record(
        actor,
        {
          action: 'user.created',
          entityType: 'user',
          entityId: id,
          changes: diff(
            {},
            { email: dto.email, displayName: dto.displayName, role: dto.role, deskId },
          ),
        },
        db,
      );
      return { user: UserDto.from(user), temporaryPassword: temporary };
    });
  }

  async update(id: string, dto: UpdateUserDto, actor: ActorContext): Promise<UserDto> {
    const self = actor.principal?.userId === id;
    if (
      self &&
      ((dto.role !== undefined && dto.role !== actor.principal?.role) || dto.active === false)
    ) {
      // Guards against an admin locking everyone, including themselves, out.
      throw new AppError(
        'CANNOT_CHANGE_OWN_ACCESS',
        'You cannot change your own role or disable yourself.',
      );
    }
    return this.credentials.transaction(this.dataSource, async (db) => {
      const before = await this.find(id, db);
      const next = {
        displayName: dto.displayName ?? before.displayName,
        role: dto.role ?? before.role,
        deskId: dto.deskId === undefined ? before.deskId : dto.deskId,
        active: dto.active ?? before.active,
      };
      if (next.role === 'desk_staff' && !next.deskId) {
        throw validationError('deskId', 'is required for the desk_staff role');
      }
      await this.assertDesk(db, next.deskId);
      // The version check is in the UPDATE itself, so two admins cannot overwrite each other.
      if (!(await this.users.update(db, id, dto.version, next))) {
        throw new AppError(
          'USER_VERSION_CONFLICT',
          'Someone else changed this user; reload and try again.',
          undefined,
          {
            currentVersion: before.version,
          },
        );
      }
      if (before.active && !next.active) {
        await this.users.revokeSessionsOf(db, id);
      }
      await this.audit.record(
        actor,
        { action: 'user.updated', entityType: 'user', entityId: id, changes: diff(before, next) },
        db,
      );
      return UserDto.from(await this.find(id, db));
    });
  }

  async resetPassword(id: string, actor: ActorContext): Promise<CreatedUserDto> {
    const temporary = temporaryPassword();
    const passwordHash = await hashPassword(temporary);
    return this.credentials.transaction(this.dataSource, async (db) => {
      await this.find(id, db);
      await this.users.setTemporaryPassword(db, id, passwordHash);
      await this.users.revokeSessionsOf(db, id);
      await this.audit.record(
        actor,
        { action: 'user.password_reset', entityType: 'user', entityId: id },
        db,
      );
      return { user: UserDto.from(await this.find(id, db)), temporaryPassword: temporary };
    });
  }

  private async find(id: string, db: EntityManager = this.dataSource.manager): Promise<User> {
    const user = await this.users.find(id, db);
    if (!user) {
      throw new AppError('NOT_FOUND', 'No such user.');
    }
    return user;
  }

  private async assertDesk(db: EntityManager, deskId: string | null): Promise<void> {
    if (deskId === null) {
      return;
    }
    if (!(await this.users.deskExists(db, deskId))) {
      throw validationError('deskId', 'is not a known desk');
    }
  }
}
