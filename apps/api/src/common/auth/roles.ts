export const ROLES = ['operator', 'desk_staff', 'expert', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The desk of the national center; its managers read every desk's cases. */
export const NATIONAL_DESK_ID = 'national';

// What each role's holder may hand to a token of theirs: their own role, or one whose powers
// are a subset of it. A manager reads and works cases as staff do; an expert, an operator and
// desk staff each see a different slice, so none of them covers another.
const DELEGABLE: Record<Role, readonly Role[]> = {
  admin: ROLES,
  manager: ['manager', 'operator', 'desk_staff'],
  operator: ['operator'],
  desk_staff: ['desk_staff'],
  expert: ['expert'],
};

/** May a token owned by a user with `ownerRole` act with `tokenRole`? */
export const mayDelegateRole = (ownerRole: Role, tokenRole: Role): boolean =>
  DELEGABLE[ownerRole].includes(tokenRole);
