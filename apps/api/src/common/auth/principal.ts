import type { Role, TokenScope } from './roles';

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
  /** A scoped API token reaches only the routes that accept its scope, whatever its role. */
  scope?: TokenScope;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
