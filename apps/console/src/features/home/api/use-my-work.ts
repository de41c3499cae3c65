import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type MyWork = Schemas['MyWorkDto'];
export type SavedViewCount = Schemas['SavedViewCountDto'];

/** Under ['me']: saving or deleting a saved view (cases feature) refreshes these counts. */
export const myWorkKeys = {
  all: ['me'] as const,
  work: () => [...myWorkKeys.all, 'work'] as const,
};

export const useMyWork = (enabled = true) =>
  useQuery({
    queryKey: myWorkKeys.work(),
    queryFn: () => unwrap(api.GET('/api/me/work')),
    enabled,
    // The figures move as colleagues work; a minute old is fresh enough for a badge.
    staleTime: 30_000,
    refetchInterval: 60_000,
  });

/** The case list address of a saved view: its filters as the list reads them from the URL. */
export function savedViewHref(query: SavedViewCount['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value) && value.length > 0) {
      params.set(key, value.join(','));
    } else if (typeof value === 'string' && value !== '') {
      params.set(key, value);
    }
  }
  const search = params.toString();
  return search ? `/cases?${search}` : '/cases';
}
