import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';
import { caseKeys } from '../../cases/api/use-cases';
import {
  type ContactPatch,
  type ContactView,
  type MergePreview,
  type OrganizationPatch,
  type OrganizationView,
  type RegistryCheck,
} from './organization-types';

export type Organization = Schemas['OrganizationDto'];
export type RegistryEntry = Schemas['RegistryEntryDto'];
export type DuplicateCandidate = Schemas['DuplicateCandidateDto'];
export type DuplicateQuery = {
  name?: string;
  phone?: string;
  email?: string;
  corporateNumber?: string;
};

export const organizationKeys = {
  all: ['organizations'] as const,
  search: (q: string) => ['organizations', 'search', q] as const,
  duplicates: (query: DuplicateQuery) => ['organizations', 'duplicates', query] as const,
  byCorporateNumber: (n: string) => ['organizations', 'corporate-number', n] as const,
  registryEntry: (n: string) => ['organizations', 'registry', n] as const,
  detail: (id: string) => ['organizations', id] as const,
  contacts: (id: string) => ['organizations', id, 'contacts'] as const,
  cases: (id: string) => ['organizations', id, 'cases'] as const,
  sessions: (id: string) => ['organizations', id, 'sessions'] as const,
  audit: (id: string) => ['organizations', id, 'audit'] as const,
  registryCheck: (id: string) => ['organizations', id, 'registry-check'] as const,
  mergePreview: (id: string, into: string) => ['organizations', id, 'merge-preview', into] as const,
};

/** Typeahead: two characters are enough (商事), in any kana width. */
export function useOrganizationSearch(text: string) {
  const [q] = useDebouncedValue(text.trim(), 150);
  return useQuery({
    queryKey: organizationKeys.search(q),
    queryFn: () =>
      unwrap(api.GET('/api/organizations', { params: { query: { q, limit: 8 } } })).then(
        (r) => r.items,
      ),
    enabled: q.length >= 1,
    placeholderData: keepPreviousData,
  });
}

const trimmed = (query: DuplicateQuery): DuplicateQuery => ({
  name: query.name?.trim() || undefined,
  phone: query.phone?.trim() || undefined,
  email: query.email?.trim() || undefined,
  corporateNumber: query.corporateNumber?.trim() || undefined,
});

const isSearchable = (q: DuplicateQuery): boolean =>
  (q.name?.length ?? 0) >= 2 ||
  (q.phone?.length ?? 0) >= 6 ||
  !!q.email?.includes('@') ||
  q.corporateNumber?.length === 13;

/** Fetches likely duplicates once (intake checks again right before it saves). */
export const fetchDuplicates = (query: DuplicateQuery): Promise<DuplicateCandidate[]> => {
  const q = trimmed(query);
  if (!isSearchable(q)) {
    return Promise.resolve([]);
  }
  return unwrap(api.GET('/api/organizations/duplicates', { params: { query: q } })).then(
    (r) => r.items,
  );
};

/** Likely duplicates of an organization about to be created, to warn before creating it. */
export function useDuplicateCandidates(input: DuplicateQuery) {
  const [debounced] = useDebouncedValue(trimmed(input), 300);
  return useQuery({
    queryKey: organizationKeys.duplicates(debounced),
    queryFn: () => fetchDuplicates(debounced),
    enabled: isSearchable(debounced),
  });
}

/** The registered organization with this corporate number, or null (the number is unique). */
export const useOrganizationByCorporateNumber = (corporateNumber: string | null) =>
  useQuery({
    queryKey: organizationKeys.byCorporateNumber(corporateNumber ?? ''),
    queryFn: () =>
      unwrap(
        api.GET('/api/organizations', { params: { query: { q: corporateNumber!, limit: 5 } } }),
      ).then((r) => r.items.find((o) => o.corporateNumber === corporateNumber) ?? null),
    enabled: !!corporateNumber,
  });

/**
 * The National Tax Agency's record of a corporate number, or null when the imported data does
 * not have it (a 404 is an answer here, not an error).
 */
export const useRegistryEntry = (corporateNumber: string | null) =>
  useQuery({
    queryKey: organizationKeys.registryEntry(corporateNumber ?? ''),
    queryFn: (): Promise<RegistryEntry | null> =>
      unwrap(
        api.GET('/api/corporate-registry/{number}', {
          params: { path: { number: corporateNumber! } },
        }),
      ).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) {
          return null;
        }
        throw error;
      }),
    enabled: !!corporateNumber,
    staleTime: 10 * 60_000,
  });

export const useOrganization = (id: string) =>
  useQuery({
    queryKey: organizationKeys.detail(id),
    queryFn: (): Promise<OrganizationView> =>
      unwrap(api.GET('/api/organizations/{id}', { params: { path: { id } } })),
  });

export function useUpdateOrganization(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganizationPatch): Promise<OrganizationView> =>
      unwrap(api.PATCH('/api/organizations/{id}', { params: { path: { id } }, body })),
    onSuccess: (updated) => {
      client.setQueryData(organizationKeys.detail(id), updated);
      // The case page shows the organization too.
      void client.invalidateQueries({ queryKey: caseKeys.all() });
      void client.invalidateQueries({ queryKey: organizationKeys.audit(id) });
      void client.invalidateQueries({ queryKey: organizationKeys.registryCheck(id) });
    },
    // A version conflict means someone else saved: load theirs so the form can offer a reapply.
    onError: () => client.invalidateQueries({ queryKey: organizationKeys.detail(id) }),
  });
}

/** The organization compared with the corporate-number registry (flags and what is registered). */
export const useRegistryCheck = (id: string) =>
  useQuery({
    queryKey: organizationKeys.registryCheck(id),
    queryFn: (): Promise<RegistryCheck> =>
      unwrap(api.GET('/api/organizations/{id}/registry-check', { params: { path: { id } } })),
  });

/** The contacts you may see (APPI), and whether the organization has others. */
export const useContacts = (organizationId: string | null) =>
  useQuery({
    queryKey: organizationKeys.contacts(organizationId ?? ''),
    queryFn: (): Promise<Schemas['ContactListDto']> =>
      unwrap(
        api.GET('/api/organizations/{id}/contacts', { params: { path: { id: organizationId! } } }),
      ),
    enabled: !!organizationId,
  });

export function useSaveContact(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      vars: { id: string; body: ContactPatch } | { id: null; body: Schemas['CreateContactDto'] },
    ): Promise<ContactView> =>
      vars.id === null
        ? unwrap(
            api.POST('/api/organizations/{id}/contacts', {
              params: { path: { id: organizationId } },
              body: vars.body,
            }),
          )
        : unwrap(
            api.PATCH('/api/contacts/{id}', { params: { path: { id: vars.id } }, body: vars.body }),
          ),
    onSuccess: () =>
      client.invalidateQueries({ queryKey: organizationKeys.contacts(organizationId) }),
  });
}

export const useOrganizationCases = (id: string) =>
  useQuery({
    queryKey: organizationKeys.cases(id),
    queryFn: () =>
      unwrap(api.GET('/api/cases', { params: { query: { organizationId: id, limit: 100 } } })),
  });

export const useOrganizationSessions = (id: string) =>
  useQuery({
    queryKey: organizationKeys.sessions(id),
    queryFn: () =>
      unwrap(api.GET('/api/sessions', { params: { query: { organizationId: id } } })).then(
        (r) => r.items,
      ),
  });

export const useOrganizationAudit = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: organizationKeys.audit(id),
    queryFn: () =>
      unwrap(
        api.GET('/api/audit', {
          params: { query: { entityType: 'organization', entityId: id, limit: 100 } },
        }),
      ).then((r) => r.items),
    enabled,
  });

export const useMergePreview = (sourceId: string, intoId: string | null) =>
  useQuery({
    queryKey: organizationKeys.mergePreview(sourceId, intoId ?? ''),
    queryFn: (): Promise<MergePreview> =>
      unwrap(
        api.GET('/api/organizations/{id}/merge-preview', {
          params: { path: { id: sourceId }, query: { into: intoId! } },
        }),
      ),
    enabled: !!intoId && intoId !== sourceId,
    retry: false,
  });

export function useMerge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ into, body }: { into: string; body: Schemas['MergeOrganizationDto'] }) =>
      unwrap(api.POST('/api/organizations/{id}/merge', { params: { path: { id: into } }, body })),
    // A stale version means the target changed since the preview: show the preview afresh.
    onError: (_error, { into, body }) =>
      client.invalidateQueries({ queryKey: organizationKeys.mergePreview(body.duplicateId, into) }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: organizationKeys.all });
      void client.invalidateQueries({ queryKey: caseKeys.lists() });
      void client.invalidateQueries({ queryKey: caseKeys.all() });
    },
  });
}
