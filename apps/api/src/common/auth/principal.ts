import type { Role } from './roles';
import type { TokenScope } from './token-scopes';

/** Who is making the request, as established by the auth guard on every request. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  deskId: string | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  /** An API token's scopes (tokenScopeAllows); absent for a sign-in session. */
  tokenScopes?: readonly TokenScope[];
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
