import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorBodyDto } from '../errors/error-body.dto';
import { ROLES, type Role } from './roles';

export const POLICY_KEY = 'madoguchi:policy';

/**
 * Every route declares who may call it. The auth guard refuses routes without a policy,
 * and a test enumerates all routes to catch a missing one before it ships.
 */
export type RoutePolicy =
  | { kind: 'public' }
  | { kind: 'internet' }
  | {
      kind: 'roles';
      roles: readonly Role[];
      /** Reachable while a new or reset password still has to be changed (sign-out, me, change). */
      beforePasswordChange?: boolean;
    };

/** No sign-in needed (health probes, the sign-in itself). */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(POLICY_KEY, { kind: 'public' } satisfies RoutePolicy);

/**
 * The surfaces anyone on the internet uses (the public inquiry form). A separate origin of trust:
 * no staff cookie or token is read (nobody is signed in there, even with a staff cookie in the
 * browser), none is ever set, and only these routes accept form posts (see create-app).
 */
export const OpenToInternet = (): MethodDecorator & ClassDecorator =>
  SetMetadata(POLICY_KEY, { kind: 'internet' } satisfies RoutePolicy);

const documented = (policy: RoutePolicy): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(POLICY_KEY, policy),
    ApiCookieAuth('session'),
    ApiBearerAuth('token'),
    ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'Not signed in' }),
    ApiForbiddenResponse({
      type: ErrorBodyDto,
      description: 'Role not allowed, or CSRF token missing',
    }),
  );

/** Signed-in users with one of these roles. */
export const Allow = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  documented({ kind: 'roles', roles });

/** Any signed-in user, whatever the role. */
export const SignedIn = (): MethodDecorator & ClassDecorator =>
  documented({ kind: 'roles', roles: ROLES });

/** Any signed-in user, even one who still has to change a temporary password. */
export const SignedInBeforePasswordChange = (): MethodDecorator & ClassDecorator =>
  documented({ kind: 'roles', roles: ROLES, beforePasswordChange: true });
