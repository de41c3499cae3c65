import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../../common/auth/roles';
import type { Row } from '../../database/rows';

/** A live sign-in session with the user it signs in (read on every request). */
export type LiveSessionRow = { session_id: Row<'user_session', 'id'>['id'] } & Row<
  'user_session',
  'csrf_token' | 'last_seen_at'
> & { user_id: Row<'app_user', 'id'>['id'] } & Omit<
    Row<
      'app_user',
      'email' | 'display_name' | 'role' | 'desk_id' | 'must_change_password' | 'totp_enabled'
    >,
    'role'
  > & { role: Role } & {
    /** How much longer the session lives by the database's clock (expiry or idleness), in ms. */
    live_ms: number;
  };

/**
 * user_session: the sign-in cookie's sessions, owned by auth. Expiry and idleness are decided by
 * the database's `now()`, the one clock every instance shares.
 */
@Injectable()
export class LoginSessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    db: EntityManager,
    session: {
      tokenHash: Buffer;
      userId: string;
      csrfToken: string;
      absoluteHours: number;
      ip: string | null;
      userAgent: string | null;
    },
  ): Promise<Row<'user_session', 'expires_at'>> {
    const [row] = await db.query<Row<'user_session', 'expires_at'>[]>(
      `INSERT INTO user_session (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5, $6) RETURNING expires_at`,
      [
        session.tokenHash,
        session.userId,
        session.csrfToken,
        session.absoluteHours,
        session.ip,
        session.userAgent,
      ],
    );
    return row!;
  }

  async findLive(tokenHash: Buffer, idleMinutes: number): Promise<LiveSessionRow | null> {
    const rows = await this.dataSource.query<LiveSessionRow[]>(
      `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at,
              floor(extract(epoch FROM LEAST(s.expires_at, s.last_seen_at + make_interval(mins => $2)) - now()) * 1000)::float8 AS live_ms,
              u.id AS user_id, u.email, u.display_name, u.role, u.desk_id, u.must_change_password, u.totp_enabled
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(mins => $2) AND u.active`,
      [tokenHash, idleMinutes],
    );
    return rows[0] ?? null;
  }

  async touch(sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE user_session SET last_seen_at = now() WHERE id = $1`, [
      sessionId,
    ]);
  }

  async csrfTokenOf(sessionId: string): Promise<string | null> {
    const rows = await this.dataSource.query<Row<'user_session', 'csrf_token'>[]>(
      `SELECT csrf_token FROM user_session WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId],
    );
    return rows[0]?.csrf_token ?? null;
  }

  async revoke(db: EntityManager, sessionId: string): Promise<void> {
    await db.query(
      `UPDATE user_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId],
    );
  }
}
