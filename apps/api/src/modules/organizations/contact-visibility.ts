import { seesEveryContact } from '@madoguchi/domain';
import type { Principal } from '../../common/auth/principal';

/**
 * libs/domain's mayAccessContact as a SQL condition on a contact row (alias given), for every
 * query that hands out a contact's personal data: the list, the detail, the edit and the contact
 * embedded in a case. Contacts outside it are simply not there (404, or left out of a list).
 * It reads the cases and sessions that name the contact: a regional desk sees the contacts of
 * the cases it holds or is being offered (a pending transfer), an expert those of the cases it
 * has a session on that is not cancelled; the national center, managers and admins see all.
 */
export function contactVisibility(principal: Principal, params: unknown[], contact = 'ct'): string {
  if (seesEveryContact(principal)) {
    return 'TRUE';
  }
  switch (principal.role) {
    case 'desk_staff': {
      if (!principal.deskId) {
        return 'FALSE';
      }
      params.push(principal.deskId);
      const desk = `$${params.length}`;
      return `EXISTS (SELECT 1 FROM "case" vc WHERE vc.contact_id = ${contact}.id
        AND (vc.desk_id = ${desk} OR vc.transfer_to_desk_id = ${desk}))`;
    }
    case 'expert':
      params.push(principal.userId);
      return `EXISTS (SELECT 1 FROM "case" vc
        JOIN expert_session vs ON vs.case_id = vc.id
        JOIN expert_profile vp ON vp.id = vs.expert_id
        WHERE vc.contact_id = ${contact}.id AND vs.status <> 'cancelled' AND vp.user_id = $${params.length})`;
    case 'operator':
    case 'manager':
    case 'admin':
      // Answered by seesEveryContact above.
      return 'TRUE';
    default: {
      const unreachable: never = principal.role;
      return unreachable;
    }
  }
}
