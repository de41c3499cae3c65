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
      return `(c.desk_id = $${params.length} OR c.transfer_to_desk_id = $${params.length})`;
    case 'desk_staff':
      // A desk also sees what is being transferred to it, so it can accept or bounce it.
      params.push(principal.deskId);
      return `(c.desk_id = $${params.length} OR c.transfer_to_desk_id = $${params.length})`;
    case 'expert':
      // Telework managers see exactly the cases they have a (not cancelled) session on, and
      // nothing once their session is called off: they only need the case to prepare and report.
      params.push(principal.userId);
      return `EXISTS (SELECT 1 FROM expert_session xs JOIN expert_profile xp ON xp.id = xs.expert_id
        WHERE xs.case_id = c.id AND xs.status <> 'cancelled' AND xp.user_id = $${params.length})`;
    default: {
      const unreachable: never = principal.role;
      return unreachable;
    }
  }
}

export const CASE_READERS = ['operator', 'desk_staff', 'manager', 'admin', 'expert'] as const;
export const CASE_WRITERS = ['operator', 'desk_staff'] as const;
