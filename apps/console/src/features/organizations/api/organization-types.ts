import { type Schemas } from '@madoguchi/api-client';
import { ApiError } from '../../../lib/api-client';

// Names the organizations feature uses for the generated API types, and the one reader of the
// 409 whose `details` carries duplicate candidates instead of field errors.

export type PossibleDuplicate = Schemas['PossibleDuplicateDto'];
export type MatchedOn = PossibleDuplicate['matchedOn'][number];
export type OrganizationView = Schemas['OrganizationDto'];
export type OrganizationPatch = Schemas['UpdateOrganizationDto'];
export type ContactView = Schemas['ContactDto'];
export type ContactPatch = Schemas['UpdateContactDto'];
export type IntakeOrganization = Schemas['IntakeDto']['organization'];
export type MergePreview = Schemas['MergePreviewDto'];
export type RegistryCheck = Schemas['OrganizationRegistryCheckDto'];

export const POSSIBLE_DUPLICATE = 'ORGANIZATION_POSSIBLE_DUPLICATE';

/** The candidates of a 409 ORGANIZATION_POSSIBLE_DUPLICATE, or null for any other error. */
export function possibleDuplicates(error: unknown): PossibleDuplicate[] | null {
  if (!(error instanceof ApiError) || error.body.code !== POSSIBLE_DUPLICATE) {
    return null;
  }
  const details = error.body.details as unknown;
  const candidates =
    details && typeof details === 'object' && 'candidates' in details ? details.candidates : null;
  return Array.isArray(candidates) ? (candidates as PossibleDuplicate[]) : [];
}
