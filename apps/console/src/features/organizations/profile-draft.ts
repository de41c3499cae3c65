import type { OrganizationPatch, OrganizationView } from './api/organization-types';

/** The profile form's editable state: text as typed, numbers possibly blank. */
export interface ProfileDraft {
  name: string;
  nameKana: string;
  corporateNumber: string;
  prefectureCode: string | null;
  address: string;
  industryCode: string | null;
  industrySubcode: string | null;
  smeSector: string | null;
  capitalYen: number | string;
  employees: number | string;
  teleworkStatus: string;
  chamberMember: boolean;
  phone: string;
  notes: string;
}

export type ProfileChanges = Omit<OrganizationPatch, 'version' | 'teleworkStatusReason'>;

export const draftOf = (o: OrganizationView): ProfileDraft => ({
  name: o.name,
  nameKana: o.nameKana ?? '',
  corporateNumber: o.corporateNumber ?? '',
  prefectureCode: o.prefectureCode,
  address: o.address ?? '',
  industryCode: o.industryCode,
  industrySubcode: o.industrySubcode,
  smeSector: o.smeSector,
  capitalYen: o.capitalYen ?? '',
  employees: o.employees ?? '',
  teleworkStatus: o.teleworkStatus,
  chamberMember: o.chamberMember,
  phone: o.phone ?? '',
  notes: o.notes,
});

const text = (v: string): string | null => (v.trim() === '' ? null : v.trim());
const num = (v: number | string): number | null => (typeof v === 'number' ? v : null);

/** The draft as the API's values (blank text and blank numbers are null). */
function values(d: ProfileDraft): Required<ProfileChanges> {
  return {
    name: d.name.trim(),
    nameKana: text(d.nameKana),
    corporateNumber: text(d.corporateNumber),
    prefectureCode: d.prefectureCode,
    address: text(d.address),
    industryCode: d.industryCode,
    industrySubcode: d.industrySubcode,
    smeSector: d.smeSector as Required<ProfileChanges>['smeSector'],
    capitalYen: num(d.capitalYen),
    employees: num(d.employees),
    teleworkStatus: d.teleworkStatus as Required<ProfileChanges>['teleworkStatus'],
    chamberMember: d.chamberMember,
    phone: text(d.phone),
    notes: d.notes,
  };
}

/**
 * Only the fields the user changed, so a save never writes back values another user changed
 * meanwhile (the version check catches the race; this keeps a reapplied edit narrow).
 */
export function changesOf(draft: ProfileDraft, base: OrganizationView): ProfileChanges {
  const now = values(draft);
  const before = values(draftOf(base));
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(now) as (keyof ProfileChanges)[]) {
    if (now[key] !== before[key]) {
      changed[key] = now[key];
    }
  }
  return changed;
}

/** The user's own changes laid over a newer version of the organization. */
export function reapply(
  draft: ProfileDraft,
  oldBase: OrganizationView,
  latest: OrganizationView,
): ProfileDraft {
  const mine = changesOf(draft, oldBase);
  const next = draftOf(latest);
  for (const key of Object.keys(mine) as (keyof ProfileChanges & keyof ProfileDraft)[]) {
    (next as unknown as Record<string, unknown>)[key] = draft[key];
  }
  return next;
}
