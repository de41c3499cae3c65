import { unwrap } from '@madoguchi/api-client';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const RESULTS = 5;

export const searchKeys = {
  all: ['search'] as const,
  cases: (q: string) => [...searchKeys.all, 'cases', q] as const,
  organizations: (q: string) => [...searchKeys.all, 'organizations', q] as const,
  contacts: (email: string) => [...searchKeys.all, 'contacts', email] as const,
};

// The API reads a whole address only (no prefix probing), so only one is sent.
const looksLikeEmail = (q: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(q);

export const useCaseSearch = (q: string) =>
  useQuery({
    queryKey: searchKeys.cases(q),
    queryFn: () =>
      unwrap(api.GET('/api/cases', { params: { query: { q, limit: RESULTS } } })).then(
        (r) => r.items,
      ),
    enabled: q.length >= 2,
  });

export const useOrganizationSearch = (q: string) =>
  useQuery({
    queryKey: searchKeys.organizations(q),
    queryFn: () =>
      unwrap(api.GET('/api/organizations', { params: { query: { q, limit: RESULTS } } })).then(
        (r) => r.items,
      ),
    enabled: q.length >= 2,
  });

/** Contacts at the typed address that the user may see; the organization search finds the rest. */
export const useContactSearch = (q: string) =>
  useQuery({
    queryKey: searchKeys.contacts(q),
    queryFn: () =>
      unwrap(api.GET('/api/contacts', { params: { query: { email: q } } })).then((r) => r.items),
    enabled: looksLikeEmail(q),
  });
