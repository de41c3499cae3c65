import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import type { Role } from '../../common/auth/roles';
import { randomToken, sha256 } from '../../common/auth/secrets';
import { SETTINGS, type Settings } from '../../config/settings';

interface SessionRow {
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  desk_id: string | null;
  must_change_password: boolean;
  totp_enabled: boolean;
}

export interface AuthenticatedSession {
  principal: Principal;
  csrfToken: string;
}

// Sliding the idle deadline on every request would write on every read; once a minute is enough.
const TOUCH_EVERY_MS = 60_000;

/**
 * Sign-in sessions (the cookie), not the expert sessions of `SessionsService`. They live in
 * PostgreSQL, so any API instance can serve any request, and disabling a user or changing their
 * role is seen on the very next request (the user row is read each time).
 */
@Injectable()
export class LoginSessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async create(
    db: EntityManager,
    userId: string,
    client: { ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomToken();
    const csrfToken = randomToken();
    const [row] = await db.query<{ expires_at: Date }[]>(
      `INSERT INTO user_session (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5, $6) RETURNING expires_at`,
      [
        sha256(token),
        userId,
        csrfToken,
        this.settings.session.absoluteHours,
        client.ip,
        client.userAgent,
      ],
    );
    return { token, csrfToken, expiresAt: row!.expires_at };
  }

  /** The session's principal, or null when the token is unknown, expired, idle too long or revoked. */
  async authenticate(token: string): Promise<AuthenticatedSession | null> {
    const rows = await this.dataSource.query<SessionRow[]>(
      `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at,
              u.id AS user_id, u.email, u.display_name, u.role, u.desk_id, u.must_change_password, u.totp_enabled
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(mins => $2) AND u.active`,
      [sha256(token), this.settings.session.idleMinutes],
    );
    const row = rows[0];
    if (!row) {
      return null;
    }
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.dataSource.query(`UPDATE user_session SET last_seen_at = now() WHERE id = $1`, [
        row.session_id,
      ]);
    }
    return {
      csrfToken: row.csrf_token,
      principal: {
        userId: row.user_id,
        email: row.email,
        displayName: row.display_name,
        role: row.role,
        deskId: row.desk_id,
        mustChangePassword: row.must_change_password,
        totpEnabled: row.totp_enabled,
        via: 'session',
        sessionId: row.session_id,
      },
    };
  }

  async csrfTokenOf(sessionId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ csrf_token: string }[]>(
      `SELECT csrf_token FROM user_session WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId],
    );
    return rows[0]?.csrf_token ?? null;
  }

  async revoke(sessionId: string, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query(
      `UPDATE user_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId],
    );
  }
}
