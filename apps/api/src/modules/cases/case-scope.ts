import type { Principal } from '../../common/auth/principal';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';

/**
 * The cases a principal may see, as a SQL condition on the alias `c`. It goes into every
 * query (detail, list, search, export, children), so out-of-scope rows are simply not there:
 * they answer 404, never 403.
 */
export function caseScope(principal: Principal, params: unknown[]): string {
  switch (principal.role) {
    case 'operator':
    case 'admin':
      // The national center takes calls from anywhere; admins read like a national manager.
      return 'TRUE';
    case 'manager':
      if (!principal.deskId || principal.deskId === NATIONAL_DESK_ID) {
        return 'TRUE';
      }
      params.push(principal.deskId);
      return `c.desk_id = $${params.length}`;
    case 'desk_staff':
      params.push(principal.deskId);
      return `c.desk_id = $${params.length}`;
    case 'expert':
      // Experts see the cases they have a session on; sessions arrive with the expert module.
      return 'FALSE';
    default: {
      const unreachable: never = principal.role;
      return unreachable;
    }
  }
}

export const CASE_READERS = ['operator', 'desk_staff', 'manager', 'admin', 'expert'] as const;
export const CASE_WRITERS = ['operator', 'desk_staff'] as const;
