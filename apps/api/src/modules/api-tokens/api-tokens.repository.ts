import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../../common/auth/roles';
import type { TokenScope } from '../../common/auth/token-scopes';
import type { Row } from '../../database/rows';

/** A token as listed: never its hash. */
export type TokenRow = Row<
  'api_token',
  | 'id'
  | 'token_prefix'
  | 'name'
  | 'user_id'
  | 'desk_id'
  | 'created_at'
  | 'expires_at'
  | 'last_used_at'
  | 'revoked_at'
> & {
  role: Role;
  scopes: TokenScope[];
  user_email: Row<'app_user', 'email'>['email'];
};

/** A live token of an active user, as sign-in by token needs it. */
export type BearerRow = Pick<TokenRow, 'id' | 'desk_id' | 'last_used_at' | 'role' | 'scopes'> & {
  user_id: string;
  user_email: string;
  display_name: Row<'app_user', 'display_name'>['display_name'];
  /** How much longer the token lives by the database's clock, in ms (Infinity without expiry). */
  live_ms: number;
};

const TOKEN_COLUMNS = `t.id, t.token_prefix, t.name, t.user_id, t.role, t.desk_id, t.scopes, t.created_at,
  t.expires_at, t.last_used_at, t.revoked_at`;

export interface NewToken {
  tokenHash: Buffer;
  prefix: string;
  name: string;
  userId: string;
  role: Role;
  deskId: string | null;
  createdBy: string;
  expiresAt: string | null;
  scopes: TokenScope[];
}

/** The SQL on `api_token`; it reads the owner's account (app_user) and desks, never writes them. */
@Injectable()
export class ApiTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findLive(tokenHash: Buffer): Promise<BearerRow | null> {
    const [row] = await this.dataSource.query<BearerRow[]>(
      `SELECT t.id, t.role, t.desk_id, t.scopes, t.last_used_at, u.id AS user_id, u.email AS user_email, u.display_name,
              COALESCE(floor(extract(epoch FROM t.expires_at - now()) * 1000), 'Infinity')::float8 AS live_ms
         FROM api_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
          AND u.active`,
      [tokenHash],
    );
    return row ?? null;
  }

  async touch(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE api_token SET last_used_at = now() WHERE id = $1`, [id]);
  }

  list(): Promise<TokenRow[]> {
    return this.dataSource.query<TokenRow[]>(
      `SELECT ${TOKEN_COLUMNS}, u.email AS user_email FROM api_token t JOIN app_user u ON u.id = t.user_id
        ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC`,
    );
  }

  async activeUserRole(db: EntityManager, userId: string): Promise<Role | null> {
    const [row] = await db.query<{ role: Role }[]>(
      `SELECT id, role FROM app_user WHERE id = $1 AND active`,
      [userId],
    );
    return row?.role ?? null;
  }

  async deskExists(db: EntityManager, deskId: string): Promise<boolean> {
    const rows = await db.query<Row<'desk', 'id'>[]>(`SELECT id FROM desk WHERE id = $1`, [deskId]);
    return rows.length > 0;
  }

  async insert(db: EntityManager, t: NewToken): Promise<TokenRow> {
    const [row] = await db.query<TokenRow[]>(
      `INSERT INTO api_token (token_hash, token_prefix, name, user_id, role, desk_id, created_by, expires_at, scopes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING ${TOKEN_COLUMNS.replace(/t\./g, '')}, (SELECT email FROM app_user WHERE id = $4) AS user_email`,
      [
        t.tokenHash,
        t.prefix,
        t.name,
        t.userId,
        t.role,
        t.deskId,
        t.createdBy,
        t.expiresAt,
        t.scopes,
      ],
    );
    return row!;
  }

  /** False when it was already revoked or does not exist. */
  async revoke(db: EntityManager, id: string): Promise<boolean> {
    const [, affected] = await db.query<[unknown, number]>(
      `UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [id],
    );
    return affected > 0;
  }

  async exists(db: EntityManager, id: string): Promise<boolean> {
    const rows = await db.query<Row<'api_token', 'id'>[]>(
      `SELECT id FROM api_token WHERE id = $1`,
      [id],
    );
    return rows.length > 0;
  }
}
