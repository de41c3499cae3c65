import { type operations, unwrap } from '@madoguchi/api-client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type AuditFilters = Omit<
  NonNullable<operations['auditList']['parameters']['query']>,
  'cursor' | 'limit'
>;

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, 'list', filters] as const,
  caseByNumber: (number: string) => [...auditKeys.all, 'case', number] as const,
};

const PAGE = 50;

/** The trail, newest first, a page at a time. */
export const useAuditTrail = (filters: AuditFilters, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/audit', {
          params: {
            query: { ...filters, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });

/**
 * The case a number names (an exact lookup), for filtering the trail by case: the trail keeps
 * the case's id. null when no case has that number.
 */
export const useCaseByNumber = (number: string) =>
  useQuery({
    queryKey: auditKeys.caseByNumber(number),
    queryFn: () =>
      unwrap(api.GET('/api/cases', { params: { query: { q: number, limit: 1 } } })).then(
        (r) => r.items.find((c) => c.number === number) ?? null,
      ),
    enabled: number !== '',
  });

/** The export's address: a plain download, with the session cookie. */
export function auditExportHref(filters: AuditFilters): string {
  const params = new URLSearchParams(
    Object.entries(filters).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
    ),
  );
  const search = params.toString();
  return search ? `/api/audit/export?${search}` : '/api/audit/export';
}
