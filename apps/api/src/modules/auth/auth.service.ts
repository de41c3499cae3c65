import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { CredentialCache } from '../../common/auth/credential-cache';
import { decryptSecret, encryptSecret } from '../../common/auth/secrets';
import { AppError, validationError } from '../../common/errors/app-error';
import { SETTINGS, type Settings } from '../../config/settings';
import { AuditService } from '../audit/audit.service';
import { UserDto } from '../users/dto/user.dto';
import { hashPassword, passwordProblem, verifyPassword } from '../users/passwords';
import { type User, type UserWithSecrets, UsersRepository } from '../users/users.repository';
import type { ChangePasswordDto, LoginDto, SessionDto, TotpSetupDto } from './dto/auth.dto';
import { LoginSessionService } from './login-session.service';
import { LoginThrottleService } from './login-throttle.service';
import { newTotpSecret, totpUri, verifyTotp } from './totp';

// One message for an unknown email and a wrong password: the answer must not reveal which.
const BAD_CREDENTIALS = 'The email address or password is incorrect.';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly loginSessions: LoginSessionService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly users: UsersRepository,
    private readonly credentials: CredentialCache,
  ) {}

  async login(
    dto: LoginDto,
    actor: ActorContext,
  ): Promise<{ token: string; expiresAt: Date; session: SessionDto }> {
    try {
      await this.throttle.assertAllowed(dto.email, actor.ip);
    } catch (error) {
      await this.throttle.record(dto.email, actor.ip, 'throttled');
      await this.audit.record(actor, {
        action: 'auth.login_throttled',
        entityType: 'user',
        actorEmail: dto.email,
      });
      throw error;
    }
    const user = await this.users.findByEmailWithSecrets(dto.email);
    const passwordOk = await verifyPassword(user?.passwordHash ?? null, dto.password);
    if (!user || !passwordOk || !user.active) {
      const reason = user && passwordOk ? 'inactive' : 'bad_credentials';
      await this.failed(dto.email, actor, reason);
      throw new AppError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
    }
    if (user.totpEnabled) {
      if (!dto.totpCode) {
        // Not a failure: the console now asks for the code.
        throw new AppError('TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app.');
      }
      if (
        !user.totpSecret ||
        !(await verifyTotp(decryptSecret(user.totpSecret, this.settings.appSecret), dto.totpCode))
      ) {
        await this.failed(dto.email, actor, 'totp_invalid');
        throw new AppError('TOTP_INVALID', 'The two-factor code is incorrect or has expired.');
      }
    }
    const created = await this.dataSource.transaction(async (db) => {
      const session = await this.loginSessions.create(db, user.id, actor);
      await this.users.recordLogin(db, user.id);
      await this.audit.record(
        { ...actor, principal: this.principalOf(user) },
        { action: 'auth.login', entityType: 'user', entityId: user.id },
        db,
      );
      return session;
    });
    await this.throttle.record(dto.email, actor.ip, 'ok');
    return {
      token: created.token,
      expiresAt: created.expiresAt,
      session: {
        user: UserDto.from(user),
        csrfToken: created.csrfToken,
        totpRequired: this.totpRequired(user),
      },
    };
  }

  async logout(principal: Principal, actor: ActorContext): Promise<void> {
    if (principal.sessionId) {
      await this.credentials.transaction(this.dataSource, async (db) => {
        await this.loginSessions.revoke(principal.sessionId!, db);
        await this.audit.record(
          actor,
          { action: 'auth.logout', entityType: 'user', entityId: principal.userId },
          db,
        );
      });
    }
  }

  async me(principal: Principal): Promise<SessionDto> {
    const user = await this.users.find(principal.userId);
    if (!user) {
      throw new AppError('UNAUTHENTICATED', 'Sign in again.');
    }
    const csrfToken = principal.sessionId
      ? await this.loginSessions.csrfTokenOf(principal.sessionId)
      : null;
    return {
      user: UserDto.from(user),
      csrfToken: csrfToken ?? '',
      totpRequired: this.totpRequired(user),
    };
  }

  async changePassword(
    principal: Principal,
    dto: ChangePasswordDto,
    actor: ActorContext,
  ): Promise<void> {
    const user = await this.userWithSecrets(principal.userId);
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw validationError('currentPassword', 'is incorrect', 'incorrectPassword');
    }
    const problem = passwordProblem(dto.newPassword, user.email);
    if (problem) {
      throw new AppError('VALIDATION_FAILED', `newPassword: ${problem.message}`, [
        { field: 'newPassword', ...problem },
      ]);
    }
    if (dto.newPassword === dto.currentPassword) {
      throw validationError('newPassword', 'must differ from the current password', 'samePassword');
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.credentials.transaction(this.dataSource, async (db) => {
      await this.users.setPassword(db, user.id, passwordHash);
      // Everyone else signed in as this user (a stolen session, say) is signed out.
      await this.users.revokeSessionsOf(db, user.id, principal.sessionId);
      await this.audit.record(
        actor,
        { action: 'auth.password_changed', entityType: 'user', entityId: user.id },
        db,
      );
    });
  }

  /** Starts enrolment: a fresh secret, stored sealed, not yet required until confirmed. */
  async totpSetup(principal: Principal, actor: ActorContext): Promise<TotpSetupDto> {
    if (principal.totpEnabled) {
      throw new AppError('CONFLICT', 'Two-factor sign-in is already on; turn it off first.');
    }
    const secret = newTotpSecret();
    await this.users.setPendingTotpSecret(
      principal.userId,
      encryptSecret(secret, this.settings.appSecret),
    );
    await this.audit.record(actor, {
      action: 'auth.totp_setup',
      entityType: 'user',
      entityId: principal.userId,
    });
    return { secret, otpauthUri: totpUri(secret, principal.email) };
  }

  async totpEnable(principal: Principal, code: string, actor: ActorContext): Promise<void> {
    const user = await this.userWithSecrets(principal.userId);
    if (!user.totpSecret) {
      throw new AppError('CONFLICT', 'Start two-factor set-up first.');
    }
    if (!(await verifyTotp(decryptSecret(user.totpSecret, this.settings.appSecret), code))) {
      throw validationError('code', 'is incorrect or has expired', 'incorrectCode');
    }
    await this.credentials.transaction(this.dataSource, async (db) => {
      await this.users.enableTotp(db, user.id);
      await this.audit.record(
        actor,
        { action: 'auth.totp_enabled', entityType: 'user', entityId: user.id },
        db,
      );
    });
  }

  /**
   * A new device: the current code proves the old one, then a new secret replaces it, off until
   * confirmed (enable). Proven first, so a stolen session alone cannot take over the second factor.
   */
  async totpReset(principal: Principal, code: string, actor: ActorContext): Promise<TotpSetupDto> {
    const user = await this.userWithSecrets(principal.userId);
    if (!user.totpEnabled || !user.totpSecret) {
      throw new AppError('CONFLICT', 'Two-factor sign-in is off; set it up instead.');
    }
    if (!(await verifyTotp(decryptSecret(user.totpSecret, this.settings.appSecret), code))) {
      throw validationError('code', 'is incorrect or has expired', 'incorrectCode');
    }
    const secret = newTotpSecret();
    await this.credentials.transaction(this.dataSource, async (db) => {
      await this.users.disableTotp(db, user.id, encryptSecret(secret, this.settings.appSecret));
      await this.audit.record(
        actor,
        { action: 'auth.totp_reset', entityType: 'user', entityId: user.id },
        db,
      );
    });
    return { secret, otpauthUri: totpUri(secret, principal.email) };
  }

  async totpDisable(principal: Principal, code: string, actor: ActorContext): Promise<void> {
    const user = await this.userWithSecrets(principal.userId);
    if (this.settings.totpRequiredRoles.includes(user.role)) {
      throw new AppError('FORBIDDEN', 'Two-factor sign-in is required for your role.');
    }
    if (!user.totpEnabled || !user.totpSecret) {
      return;
    }
    if (!(await verifyTotp(decryptSecret(user.totpSecret, this.settings.appSecret), code))) {
      throw validationError('code', 'is incorrect or has expired', 'incorrectCode');
    }
    await this.credentials.transaction(this.dataSource, async (db) => {
      await this.users.disableTotp(db, user.id, null);
      await this.audit.record(
        actor,
        { action: 'auth.totp_disabled', entityType: 'user', entityId: user.id },
        db,
      );
    });
  }

  totpRequired(user: Pick<User, 'role' | 'totpEnabled'>): boolean {
    return !user.totpEnabled && this.settings.totpRequiredRoles.includes(user.role);
  }

  private async failed(
    email: string,
    actor: ActorContext,
    reason: 'bad_credentials' | 'inactive' | 'totp_invalid',
  ) {
    await this.throttle.record(email, actor.ip, reason);
    await this.audit.record(actor, {
      action: 'auth.login_failed',
      entityType: 'user',
      actorEmail: email,
      meta: { reason },
    });
  }

  private async userWithSecrets(id: string): Promise<UserWithSecrets> {
    const user = await this.users.findWithSecrets(id);
    if (!user) {
      throw new AppError('UNAUTHENTICATED', 'Sign in again.');
    }
    return user;
  }

  private principalOf(user: User): Principal {
    return {
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      deskId: user.deskId,
      mustChangePassword: user.mustChangePassword,
      totpEnabled: user.totpEnabled,
      via: 'session',
    };
  }
}
