import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { POLICY_KEY, type RoutePolicy } from '../../common/auth/policy';
import type { Principal } from '../../common/auth/principal';
import { CredentialCache } from '../../common/auth/credential-cache';
import { safeEqual } from '../../common/auth/secrets';
import { ROUTE_SCOPE_KEY, type RouteScope, tokenScopeAllows } from '../../common/auth/token-scopes';
import { readSessionCookie } from '../../common/auth/session-cookie';
import { AppError } from '../../common/errors/app-error';
import { SETTINGS, type Settings } from '../../config/settings';
import { ApiTokenService } from '../api-tokens/api-token.service';
import { LoginSessionService } from './login-session.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs on every route: authenticates (session cookie or bearer token), enforces CSRF for
 * cookie-authenticated writes, and applies the route's declared policy. Routes without a
 * policy are refused: access is never granted by omission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly loginSessions: LoginSessionService,
    private readonly tokens: ApiTokenService,
    private readonly credentials: CredentialCache,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) {
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} has no access policy`,
      );
      throw new AppError('FORBIDDEN', 'This route has no access policy.');
    }
    // Neither reads credentials: an internet route never learns who a staff member is.
    if (policy.kind === 'public' || policy.kind === 'internet') {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.authenticate(request);
    request.principal = principal;

    if (principal.mustChangePassword && !policy.beforePasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Change your temporary password first.');
    }
    if (
      principal.via === 'session' &&
      !principal.totpEnabled &&
      this.settings.totpRequiredRoles.includes(principal.role) &&
      !policy.beforePasswordChange
    ) {
      throw new AppError('TOTP_ENROLLMENT_REQUIRED', 'Set up two-factor sign-in first.');
    }
    const routeScope = this.reflector.get<RouteScope | undefined>(
      ROUTE_SCOPE_KEY,
      context.getHandler(),
    );
    // A narrow scope is its own permission (an MTA's token delivers mail whatever its role),
    // and the only one it carries: tokenScopeAllows refuses it everywhere else.
    if (routeScope && principal.tokenScopes?.includes(routeScope)) {
      return true;
    }
    if (!policy.roles.includes(principal.role)) {
      throw new AppError('FORBIDDEN', 'Your role may not do this.');
    }
    if (
      principal.tokenScopes &&
      !tokenScopeAllows(principal.tokenScopes, request.method, routeScope)
    ) {
      throw new AppError('FORBIDDEN', 'This API token’s scopes do not allow this.');
    }
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    const authorization = request.headers.authorization;
    if (authorization) {
      const [scheme, token] = authorization.split(' ');
      const principal =
        scheme?.toLowerCase() === 'bearer' && token
          ? await this.credentials.get(CredentialCache.keyOf('token', token), () =>
              this.tokens.authenticate(token),
            )
          : null;
      if (!principal) {
        throw new AppError('UNAUTHENTICATED', 'The API token is invalid, expired or revoked.');
      }
      return principal;
    }
    const cookie = readSessionCookie(request, this.settings);
    if (!cookie) {
      throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    }
    const session = await this.credentials.get(CredentialCache.keyOf('session', cookie), () =>
      this.loginSessions.authenticate(cookie),
    );
    if (!session) {
      throw new AppError('SESSION_EXPIRED', 'Your session has ended. Sign in again.');
    }
    // A cookie is sent by the browser on its own; only our page can read and echo the CSRF token.
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, session.csrfToken)) {
        throw new AppError('CSRF_TOKEN_INVALID', 'Missing or wrong X-CSRF-Token header.');
      }
    }
    return session.principal;
  }
}
