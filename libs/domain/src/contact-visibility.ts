/**
 * Who may see and edit a contact person's personal data (name, reading, title, phone, email).
 *
 * APPI: handing an inquiry to a regional desk or an expert is entrustment (委託, Art. 27(5)(i)),
 * and the operator must keep the entrusted party to what its task needs (Art. 25). So the
 * national center, managers and admins see every contact; a regional desk sees the contacts of
 * the cases it holds or is being offered; an expert sees the contacts of the cases it has a live
 * (not cancelled) session on. The organization itself stays findable by everyone on staff.
 *
 * The API applies the same rule as SQL (organizations/contact-visibility.ts); this is its
 * plain-data statement, unit-tested here.
 */
export type ContactViewerRole = 'operator' | 'desk_staff' | 'expert' | 'manager' | 'admin';

export interface ContactViewer {
  role: ContactViewerRole;
  deskId: string | null;
  userId: string;
}

/** One case that names the contact, reduced to what decides visibility. */
export interface ContactCaseLink {
  deskId: string;
  /** The desk a pending transfer offers the case to, if any. */
  transferToDeskId: string | null;
  /** The users of the experts who have a session on the case that is not cancelled. */
  expertUserIds: readonly string[];
}

/** The national center's desk id (the API's NATIONAL_DESK_ID). */
export const NATIONAL_CENTER_DESK = 'national';

/** Whether the viewer sees every contact, whatever the cases: the national center and oversight. */
export function seesEveryContact(viewer: Pick<ContactViewer, 'role' | 'deskId'>): boolean {
  switch (viewer.role) {
    case 'operator':
    case 'manager':
    case 'admin':
      return true;
    case 'desk_staff':
      // Staff of the national desk are the national center, whatever their role is called.
      return viewer.deskId === NATIONAL_CENTER_DESK;
    case 'expert':
      return false;
    default: {
      const unreachable: never = viewer.role;
      return unreachable;
    }
  }
}

/** Whether the viewer may see (and edit) a contact named on these cases. */
export function mayAccessContact(
  viewer: ContactViewer,
  cases: readonly ContactCaseLink[],
): boolean {
  if (seesEveryContact(viewer)) {
    return true;
  }
  switch (viewer.role) {
    case 'desk_staff':
      return (
        viewer.deskId !== null &&
        cases.some((c) => c.deskId === viewer.deskId || c.transferToDeskId === viewer.deskId)
      );
    case 'expert':
      return cases.some((c) => c.expertUserIds.includes(viewer.userId));
    case 'operator':
    case 'manager':
    case 'admin':
      // Answered by seesEveryContact above.
      return true;
    default: {
      const unreachable: never = viewer.role;
      return unreachable;
    }
  }
}
