import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import type { Authenticated } from '../../common/auth/credential-cache';
import type { Principal } from '../../common/auth/principal';
import { randomToken, sha256 } from '../../common/auth/secrets';
import { SETTINGS, type Settings } from '../../config/settings';
import { LoginSessionsRepository } from './login-sessions.repository';

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
    private readonly sessions: LoginSessionsRepository,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async create(
    db: EntityManager,
    userId: string,
    client: { ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomToken();
    const csrfToken = randomToken();
    const row = await this.sessions.insert(db, {
      tokenHash: sha256(token),
      userId,
      csrfToken,
      absoluteHours: this.settings.session.absoluteHours,
      ip: client.ip,
      userAgent: client.userAgent,
    });
    return { token, csrfToken, expiresAt: row.expires_at };
  }

  /**
   * The session's principal and CSRF token, and how much longer the session lives (expiry and
   * idleness both), or null when the token is unknown, expired, idle too long or revoked.
   */
  async authenticate(token: string): Promise<Authenticated<AuthenticatedSession> | null> {
    const row = await this.sessions.findLive(sha256(token), this.settings.session.idleMinutes);
    if (!row) {
      return null;
    }
    if (this.clock.now().getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touch(row.session_id);
    }
    return {
      validForMs: row.live_ms,
      value: {
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
      },
    };
  }

  csrfTokenOf(sessionId: string): Promise<string | null> {
    return this.sessions.csrfTokenOf(sessionId);
  }

  async revoke(sessionId: string, db: EntityManager = this.dataSource.manager): Promise<void> {
    await this.sessions.revoke(db, sessionId);
  }
}
