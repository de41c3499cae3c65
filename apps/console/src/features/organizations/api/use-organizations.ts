import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type Organization = Schemas['OrganizationDto'];
export type DuplicateCandidate = Schemas['DuplicateCandidateDto'];

/** Typeahead: two characters are enough (商事), in any kana width. */
export function useOrganizationSearch(text: string) {
  const [q] = useDebouncedValue(text.trim(), 150);
  return useQuery({
    queryKey: ['organizations', 'search', q],
    queryFn: () =>
      unwrap(api.GET('/api/organizations', { params: { query: { q, limit: 8 } } })).then(
        (r) => r.items,
      ),
    enabled: q.length >= 1,
    placeholderData: keepPreviousData,
  });
}

/** Likely duplicates of an organization about to be created, to warn before creating it. */
export function useDuplicateCandidates(input: { name?: string; phone?: string; email?: string }) {
  const [debounced] = useDebouncedValue(input, 300);
  const active =
    (debounced.name?.trim().length ?? 0) >= 2 ||
    (debounced.phone?.trim().length ?? 0) >= 6 ||
    !!debounced.email?.includes('@');
  return useQuery({
    queryKey: ['organizations', 'duplicates', debounced],
    queryFn: () =>
      unwrap(
        api.GET('/api/organizations/duplicates', {
          params: {
            query: {
              name: debounced.name?.trim() || undefined,
              phone: debounced.phone?.trim() || undefined,
              email: debounced.email?.trim() || undefined,
            },
          },
        }),
      ).then((r) => r.items),
    enabled: active,
  });
}

/** The contacts you may see (APPI), and whether the organization has others. */
export const useContacts = (organizationId: string | null) =>
  useQuery({
    queryKey: ['organizations', organizationId, 'contacts'],
    queryFn: () =>
      unwrap(
        api.GET('/api/organizations/{id}/contacts', { params: { path: { id: organizationId! } } }),
      ),
    enabled: !!organizationId,
  });
