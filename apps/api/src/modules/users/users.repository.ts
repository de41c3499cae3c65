import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../../common/auth/roles';
import type { Row } from '../../database/rows';

type UserRow = Omit<
  Row<
    'app_user',
    | 'id'
    | 'email'
    | 'display_name'
    | 'role'
    | 'desk_id'
    | 'active'
    | 'must_change_password'
    | 'totp_enabled'
    | 'password_changed_at'
    | 'last_login_at'
    | 'version'
    | 'created_at'
    | 'updated_at'
  >,
  'role'
> & { role: Role };

type SecretsRow = UserRow & Row<'app_user', 'password_hash' | 'totp_secret'>;

/** A user account as the services see it; its secrets are read only where they are checked. */
export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  deskId: string | null;
  active: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  passwordChangedAt: Date | null;
  lastLoginAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserWithSecrets extends User {
  passwordHash: string | null;
  /** Sealed with APP_SECRET (common/auth/secrets). */
  totpSecret: string | null;
}

const USER_COLUMNS = `u.id, u.email, u.display_name, u.role, u.desk_id, u.active, u.must_change_password,
  u.totp_enabled, u.password_changed_at, u.last_login_at, u.version, u.created_at, u.updated_at`;

const toUser = (u: UserRow): User => ({
  id: u.id,
  email: u.email,
  displayName: u.display_name,
  role: u.role,
  deskId: u.desk_id,
  active: u.active,
  mustChangePassword: u.must_change_password,
  totpEnabled: u.totp_enabled,
  passwordChangedAt: u.password_changed_at,
  lastLoginAt: u.last_login_at,
  version: u.version,
  createdAt: u.created_at,
  updatedAt: u.updated_at,
});

const withSecrets = (u: SecretsRow): UserWithSecrets => ({
  ...toUser(u),
  passwordHash: u.password_hash,
  totpSecret: u.totp_secret,
});

export interface UserFilter {
  /** Already LIKE-escaped, with its wildcards. */
  q: string | null;
  role: string | null;
  deskId: string | null;
  active: boolean | null;
}

/**
 * The only SQL on `app_user`: the users module administers accounts, and sign-in (auth) reads
 * passwords and two-factor secrets and records sign-ins through here.
 */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: UserFilter): Promise<User[]> {
    const rows = await this.dataSource.query<UserRow[]>(
      `SELECT ${USER_COLUMNS} FROM app_user u
        WHERE ($1::text IS NULL OR u.email ILIKE $1 OR u.display_name ILIKE $1)
          AND ($2::text IS NULL OR u.role = $2)
          AND ($3::text IS NULL OR u.desk_id = $3)
          AND ($4::boolean IS NULL OR u.active = $4)
        ORDER BY u.email`,
      [filter.q, filter.role, filter.deskId, filter.active],
    );
    return rows.map(toUser);
  }

  async find(id: string, db: EntityManager = this.dataSource.manager): Promise<User | null> {
    const [row] = await db.query<UserRow[]>(
      `SELECT ${USER_COLUMNS} FROM app_user u WHERE u.id = $1`,
      [id],
    );
    return row ? toUser(row) : null;
  }

  /** Desks are reference data beside users; an account only checks that its desk exists. */
  async deskExists(db: EntityManager, deskId: string): Promise<boolean> {
    const rows = await db.query<Row<'desk', 'id'>[]>(`SELECT id FROM desk WHERE id = $1`, [deskId]);
    return rows.length > 0;
  }

  async findWithSecrets(id: string): Promise<UserWithSecrets | null> {
    const [row] = await this.dataSource.query<SecretsRow[]>(
      `SELECT ${USER_COLUMNS}, u.password_hash, u.totp_secret FROM app_user u WHERE u.id = $1`,
      [id],
    );
    return row ? withSecrets(row) : null;
  }

  async findByEmailWithSecrets(email: string): Promise<UserWithSecrets | null> {
    const [row] = await this.dataSource.query<SecretsRow[]>(
      `SELECT ${USER_COLUMNS}, u.password_hash, u.totp_secret FROM app_user u WHERE u.email = $1`,
      [email],
    );
    return row ? withSecrets(row) : null;
  }

  /** The unique index on the address may refuse it (23505). */
  async insert(
    db: EntityManager,
    u: {
      email: string;
      displayName: string;
      role: Role;
      deskId: string | null;
      passwordHash: string;
    },
  ): Promise<string> {
    const [row] = await db.query<Row<'app_user', 'id'>[]>(
      `INSERT INTO app_user (email, display_name, role, desk_id, password_hash, must_change_password)
           VALUES ($1, $2, $3, $4, $5, true) RETURNING id`,
      [u.email, u.displayName, u.role, u.deskId, u.passwordHash],
    );
    return row!.id;
  }

  /** The version check is in the UPDATE itself; false when someone else changed the user first. */
  async update(
    db: EntityManager,
    id: string,
    version: number,
    next: { displayName: string; role: Role; deskId: string | null; active: boolean },
  ): Promise<boolean> {
    const [rows] = await db.query<[Row<'app_user', 'id'>[], number]>(
      `UPDATE app_user SET display_name = $3, role = $4, desk_id = $5, active = $6,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING id`,
      [id, version, next.displayName, next.role, next.deskId, next.active],
    );
    return rows.length > 0;
  }

  /** A temporary password, to be changed at the next sign-in. */
  async setTemporaryPassword(db: EntityManager, id: string, passwordHash: string): Promise<void> {
    await db.query(
      `UPDATE app_user SET password_hash = $2, must_change_password = true, version = version + 1,
                updated_at = now() WHERE id = $1`,
      [id, passwordHash],
    );
  }

  async setPassword(db: EntityManager, id: string, passwordHash: string): Promise<void> {
    await db.query(
      `UPDATE app_user SET password_hash = $2, must_change_password = false, password_changed_at = now(),
                updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, passwordHash],
    );
  }

  async recordLogin(db: EntityManager, id: string): Promise<void> {
    await db.query(`UPDATE app_user SET last_login_at = now() WHERE id = $1`, [id]);
  }

  /** A new, not yet confirmed secret; never over one that is in use. */
  async setPendingTotpSecret(id: string, sealedSecret: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE app_user SET totp_secret = $2, updated_at = now() WHERE id = $1 AND NOT totp_enabled`,
      [id, sealedSecret],
    );
  }

  async enableTotp(db: EntityManager, id: string): Promise<void> {
    await db.query(
      `UPDATE app_user SET totp_enabled = true, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id],
    );
  }

  /** Off, with a new pending secret (a reset) or none (turned off). */
  async disableTotp(db: EntityManager, id: string, sealedSecret: string | null): Promise<void> {
    await db.query(
      `UPDATE app_user SET totp_enabled = false, totp_secret = $2, updated_at = now(), version = version + 1
          WHERE id = $1`,
      [id, sealedSecret],
    );
  }

  /** The active operators and desk staff of a desk, by id: whom auto-assignment picks from. */
  async assignableStaff(db: EntityManager, deskId: string): Promise<string[]> {
    const rows = await db.query<Row<'app_user', 'id'>[]>(
      `SELECT u.id FROM app_user u
        WHERE u.desk_id = $1 AND u.active AND u.role IN ('operator', 'desk_staff')
        ORDER BY u.id`,
      [deskId],
    );
    return rows.map((r) => r.id);
  }

  /** Whether a user may be given cases: an active operator or desk staff member. */
  async isAssignable(db: EntityManager, id: string): Promise<boolean> {
    const rows = await db.query<Row<'app_user', 'id'>[]>(
      `SELECT id FROM app_user WHERE id = $1 AND active AND role IN ('operator', 'desk_staff')`,
      [id],
    );
    return rows.length > 0;
  }

  /** The active managers of a desk and the national ones: who hears of its SLA breaches. */
  async managersOf(db: EntityManager, deskId: string): Promise<string[]> {
    const rows = await db.query<Row<'app_user', 'id'>[]>(
      `SELECT id FROM app_user WHERE active AND role = 'manager' AND (desk_id = $1 OR desk_id IS NULL)`,
      [deskId],
    );
    return rows.map((r) => r.id);
  }

  /** The active staff and managers of a desk: who is told of a transfer offered to it. */
  async membersOf(db: EntityManager, deskId: string): Promise<string[]> {
    const rows = await db.query<Row<'app_user', 'id'>[]>(
      `SELECT id FROM app_user WHERE active AND desk_id = $1 AND role IN ('operator', 'desk_staff', 'manager')`,
      [deskId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Ends a user's sign-in sessions, all but `exceptSessionId` when given. It sits with the user
   * record rather than in auth because disabling a user and resetting a password end them too,
   * and auth (sign-in) is built on users, never the other way round.
   */
  async revokeSessionsOf(
    db: EntityManager,
    userId: string,
    exceptSessionId?: string,
  ): Promise<number> {
    const [, affected] = await db.query<[unknown, number]>(
      `UPDATE user_session SET revoked_at = now()
      WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [userId, exceptSessionId ?? null],
    );
    return affected;
  }
}
