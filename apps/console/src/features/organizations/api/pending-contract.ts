import { type ErrorBody, type Schemas } from '@madoguchi/api-client';
import { ApiError } from '../../../lib/api-client';

// TODO(lead): everything in this file is the wave-2 contract that the generated client does not
// carry yet (duplicate 409 with candidates, merge preview, telework reason, contact `active`).
// Once the API lands and `npm run generate:client` has run, replace these types with Schemas[...]
// and the fetch below with `api.GET('/api/organizations/{id}/merge-preview', …)`.

export type MatchedOn = 'corporate_number' | 'name' | 'phone' | 'email_domain';

/** An existing organization that an about-to-be-created one may duplicate. */
export interface PossibleDuplicate {
  id: string;
  name: string;
  prefectureCode: string | null;
  corporateNumber: string | null;
  matchedOn: MatchedOn[];
}

export const POSSIBLE_DUPLICATE = 'ORGANIZATION_POSSIBLE_DUPLICATE';

/** The candidates of a 409 ORGANIZATION_POSSIBLE_DUPLICATE, or null for any other error. */
export function possibleDuplicates(error: unknown): PossibleDuplicate[] | null {
  if (!(error instanceof ApiError) || (error.body.code as string) !== POSSIBLE_DUPLICATE) {
    return null;
  }
  const details = error.body.details as unknown;
  const candidates =
    details && typeof details === 'object' && 'candidates' in details ? details.candidates : null;
  return Array.isArray(candidates) ? (candidates as PossibleDuplicate[]) : [];
}

/** OrganizationDto with the fields other wave-2 branches add. */
export type OrganizationView = Schemas['OrganizationDto'] & {
  duplicateOverrideReason?: string | null;
  teleworkStatusChangedAt?: string | null;
};

/** A hand-set telework status needs its reason (the API's PATCH takes teleworkStatusReason). */
export type OrganizationPatch = Schemas['UpdateOrganizationDto'] & {
  teleworkStatusReason?: string;
};

/** A contact who has left the organization stays on record with `active: false`. */
export type ContactView = Schemas['ContactDto'] & { active?: boolean };
export type ContactPatch = Schemas['UpdateContactDto'] & { active?: boolean };

/** Intake's inline organization may carry the reason for creating it despite candidates. */
export type IntakeOrganization = Schemas['IntakeDto']['organization'] & {
  duplicateOverrideReason?: string;
};

export interface MergePreview {
  /** The organization that disappears. */
  source: OrganizationView;
  /** The organization that stays and receives everything. */
  target: OrganizationView;
  moves: { contacts: number; cases: number; sessions: number; grants: number };
  allowanceAfter: Schemas['SessionAllowanceDto'];
  overAllowance: boolean;
}

export async function fetchMergePreview(sourceId: string, intoId: string): Promise<MergePreview> {
  const response = await fetch(
    `/api/organizations/${encodeURIComponent(sourceId)}/merge-preview?into=${encodeURIComponent(intoId)}`,
    { credentials: 'same-origin', headers: { accept: 'application/json' } },
  );
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    throw new ApiError(
      body && typeof body === 'object' && 'code' in body
        ? (body as ErrorBody)
        : {
            statusCode: response.status,
            code: 'INTERNAL_ERROR',
            message: response.statusText,
          },
    );
  }
  return body as MergePreview;
}
