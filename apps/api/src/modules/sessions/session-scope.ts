import type { Principal } from '../../common/auth/principal';
import { caseScope } from '../cases/case-scope';

/**
 * The sessions a principal may see, as a SQL condition on the aliases `s` (expert_session),
 * `p` (expert_profile) and `c` (case). Staff see the sessions of the cases in their scope;
 * an expert sees only their own sessions, never a colleague's on the same case.
 */
export function sessionScope(principal: Principal, params: unknown[]): string {
  if (principal.role === 'expert') {
    params.push(principal.userId);
    return `p.user_id = $${params.length}`;
  }
  return caseScope(principal, params);
}

// Who books and closes sessions: the desks. Managers and admins read; experts report.
export const SESSION_WRITERS = ['operator', 'desk_staff'] as const;
export const SESSION_READERS = ['operator', 'desk_staff', 'manager', 'admin', 'expert'] as const;
