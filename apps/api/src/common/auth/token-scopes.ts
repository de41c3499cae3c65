import { SetMetadata } from '@nestjs/common';

/** What an API token may do within its role. */
export const TOKEN_SCOPES = ['read', 'write', 'mail_ingest'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Scopes a route answers to besides read and write (only `mail_ingest` for now). */
export type RouteScope = Extract<TokenScope, 'mail_ingest'>;

export const ROUTE_SCOPE_KEY = 'madoguchi:token-scope';

/** Marks a route that a token with this narrow scope (and no other) may call. */
export const ForTokenScope = (scope: RouteScope): MethodDecorator =>
  SetMetadata(ROUTE_SCOPE_KEY, scope);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a token with these scopes may make this request (the role is checked apart):
 * `write` may do anything the role may, `read` only reads, and a narrow scope only the routes
 * marked with it — so a mail server's token cannot read cases.
 */
export function tokenScopeAllows(
  scopes: readonly TokenScope[],
  method: string,
  routeScope: RouteScope | undefined,
): boolean {
  if (scopes.includes('write')) {
    return true;
  }
  if (routeScope && scopes.includes(routeScope)) {
    return true;
  }
  return scopes.includes('read') && SAFE_METHODS.has(method.toUpperCase());
}
