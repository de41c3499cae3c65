export const ROLES = ['operator', 'desk_staff', 'expert', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The desk of the national center; its managers read every desk's cases. */
export const NATIONAL_DESK_ID = 'national';
