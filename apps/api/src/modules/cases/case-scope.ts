import type { Principal } from '../../common/auth/principal';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import { AppError } from '../../common/errors/app-error';
import { expertWorksOnCase } from '../experts/expert-case-access';

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
      // Telework managers see exactly the cases they have a session on: the experts module says which.
      return expertWorksOnCase('c.id', params, principal.userId);
    default: {
      const unreachable: never = principal.role;
      return unreachable;
    }
  }
}

/** Desk-bound staff: a desk's own staff, or a regional desk's manager. */
const deskBound = (principal: Principal): boolean =>
  principal.role === 'desk_staff' ||
  (principal.role === 'manager' && !!principal.deskId && principal.deskId !== NATIONAL_DESK_ID);

/**
 * Of the cases a principal sees, may they change this one? 403 TRANSFER_NOT_ACCEPTED if not.
 * A desk also sees the cases offered to it, to decide on the transfer, but works them only once
 * it has accepted: until then the offering desk still owns the case and its changes.
 */
export function assertMayChangeCase(principal: Principal, caseDeskId: string): void {
  if (deskBound(principal) && principal.deskId !== caseDeskId) {
    throw new AppError(
      'TRANSFER_NOT_ACCEPTED',
      'This case is offered to your desk: accept the transfer before changing it.',
    );
  }
}

/** Who may be assigned a case of this desk: someone who can see and work it. */
export function assigneeCondition(params: unknown[], caseDeskId: string, alias = 'u'): string {
  params.push(caseDeskId);
  return `(${alias}.role = 'operator' OR (${alias}.role = 'desk_staff' AND ${alias}.desk_id = $${params.length}))`;
}

export const CASE_READERS = ['operator', 'desk_staff', 'manager', 'admin', 'expert'] as const;
export const CASE_WRITERS = ['operator', 'desk_staff'] as const;
