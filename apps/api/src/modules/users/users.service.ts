import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
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
import { UserEntity } from './user.entity';
import { revokeSessionsOf } from './user-sessions';

const PG_UNIQUE_VIOLATION = '23505';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: UserQueryDto): Promise<UserDto[]> {
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u').orderBy('u.email');
    if (query.q) {
      qb.andWhere('(u.email ILIKE :q OR u.displayName ILIKE :q)', {
        q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%`,
      });
    }
    if (query.role) {
      qb.andWhere('u.role = :role', { role: query.role });
    }
    if (query.deskId) {
      qb.andWhere('u.deskId = :deskId', { deskId: query.deskId });
    }
    if (query.active !== undefined) {
      qb.andWhere('u.active = :active', { active: query.active });
    }
    return (await qb.getMany()).map((user) => UserDto.from(user));
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
        const [row] = await db.query<{ id: string }[]>(
          `INSERT INTO app_user (email, display_name, role, desk_id, password_hash, must_change_password)
           VALUES ($1, $2, $3, $4, $5, true) RETURNING id`,
          [dto.email, dto.displayName, dto.role, deskId, passwordHash],
        );
        id = row!.id;
      } catch (error) {
        if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
          throw new AppError('USER_EMAIL_TAKEN', 'A user with this email already exists.', [
            { field: 'email', message: 'is already in use' },
          ]);
        }
        throw error;
      }
      const user = await db.getRepository(UserEntity).findOneByOrFail({ id });
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
    return this.dataSource.transaction(async (db) => {
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
      const [rows] = await db.query<[{ id: string }[], number]>(
        `UPDATE app_user SET display_name = $3, role = $4, desk_id = $5, active = $6,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING id`,
        [id, dto.version, next.displayName, next.role, next.deskId, next.active],
      );
      if (rows.length === 0) {
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
        await revokeSessionsOf(db, id);
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
    return this.dataSource.transaction(async (db) => {
      await this.find(id, db);
      await db.query(
        `UPDATE app_user SET password_hash = $2, must_change_password = true, version = version + 1,
                updated_at = now() WHERE id = $1`,
        [id, passwordHash],
      );
      await revokeSessionsOf(db, id);
      await this.audit.record(
        actor,
        { action: 'user.password_reset', entityType: 'user', entityId: id },
        db,
      );
      return { user: UserDto.from(await this.find(id, db)), temporaryPassword: temporary };
    });
  }

  private async find(id: string, db: EntityManager = this.dataSource.manager): Promise<UserEntity> {
    const user = await db.getRepository(UserEntity).findOneBy({ id });
    if (!user) {
      throw new AppError('NOT_FOUND', 'No such user.');
    }
    return user;
  }

  private async assertDesk(db: EntityManager, deskId: string | null): Promise<void> {
    if (deskId === null) {
      return;
    }
    const rows = await db.query<{ id: string }[]>(`SELECT id FROM desk WHERE id = $1`, [deskId]);
    if (rows.length === 0) {
      throw validationError('deskId', 'is not a known desk');
    }
  }
}
