import { type operations, type Schemas, unwrap } from '@madoguchi/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type Case = Schemas['CaseDto'];
export type CaseSummary = Schemas['CaseSummaryDto'];
export type CaseEvent = Schemas['CaseEventDto'];
export type Intake = Schemas['IntakeDto'];
type ListQuery = NonNullable<operations['casesList']['parameters']['query']>;
export type SavedView = Schemas['SavedViewDto'];

/** The list filters as they sit in the URL; the names are the API's own query parameters. */
export const FILTER_KEYS = [
  'view',
  'q',
  'status',
  'channel',
  'deskId',
  'assigneeId',
  'topic',
  'prefectureCode',
  'industryCode',
  'sme',
  // Set by the reports' drill-down links; shown as removable chips on the list.
  'block',
  'sizeBand',
  'receivedFrom',
  'receivedTo',
] as const;
export type CaseFilters = Partial<Record<(typeof FILTER_KEYS)[number] | 'cursor', string>>;

/** URL strings to the typed query: the API validates the values and names any bad one. */
export const toListQuery = (filters: CaseFilters): ListQuery =>
  ({
    ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
    status: filters.status ? filters.status.split(',') : undefined,
  }) as ListQuery;

export const useCaseList = (filters: CaseFilters) =>
  useQuery({
    queryKey: ['cases', filters],
    queryFn: () =>
      unwrap(api.GET('/api/cases', { params: { query: { ...toListQuery(filters), limit: 50 } } })),
    placeholderData: keepPreviousData,
  });

export const useSavedViews = () =>
  useQuery({
    queryKey: ['saved-views'],
    queryFn: () => unwrap(api.GET('/api/saved-views')).then((r) => r.items),
  });

export function useSaveView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateSavedViewDto']) =>
      unwrap(api.POST('/api/saved-views', { body })),
    // ['me'] also holds the views with their counts (home page, sidebar).
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['saved-views'] }),
        client.invalidateQueries({ queryKey: ['me'] }),
      ]),
  });
}

export function useDeleteView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/saved-views/{id}', { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['saved-views'] }),
        client.invalidateQueries({ queryKey: ['me'] }),
      ]),
  });
}

export const useReferralPrograms = (enabled = true) =>
  useQuery({
    queryKey: ['referral-programs'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/referral-programs')).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export const useReferrals = (caseId: string) =>
  useQuery({
    queryKey: ['case', caseId, 'referrals'],
    queryFn: () =>
      unwrap(api.GET('/api/cases/{id}/referrals', { params: { path: { id: caseId } } })).then(
        (r) => r.items,
      ),
  });

export function useRefer(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateReferralDto']) =>
      unwrap(api.POST('/api/cases/{id}/referrals', { params: { path: { id: caseId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['case', caseId] }),
  });
}

/** A case id as the API accepts it; anything else is answered "not found" without asking. */
export const isCaseId = (id: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export const useCase = (id: string) =>
  useQuery({
    queryKey: ['case', id],
    queryFn: () => unwrap(api.GET('/api/cases/{id}', { params: { path: { id } } })),
    enabled: isCaseId(id),
  });

export const useTimeline = (id: string, enabled = true) =>
  useQuery({
    queryKey: ['case', id, 'events'],
    enabled,
    queryFn: () =>
      unwrap(api.GET('/api/cases/{id}/events', { params: { path: { id } } })).then((r) => r.items),
  });

export function useIntake() {
  const client = useQueryClient();
  return useMutation({
    // The key makes a double submit (or a retry after a timeout) create one case, not two.
    mutationFn: ({ body, idempotencyKey }: { body: Intake; idempotencyKey: string }) =>
      unwrap(
        api.POST('/api/cases', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['cases'] }),
  });
}

function useCaseMutation<T>(run: (vars: T) => Promise<Case>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (updated) => {
      client.setQueryData(['case', updated.id], updated);
      void client.invalidateQueries({ queryKey: ['case', updated.id, 'events'] });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export const useUpdateCase = (id: string) =>
  useCaseMutation((body: Schemas['UpdateCaseDto']) =>
    unwrap(api.PATCH('/api/cases/{id}', { params: { path: { id } }, body })),
  );

export const useTransition = (id: string) =>
  useCaseMutation((body: Schemas['TransitionDto']) =>
    unwrap(api.POST('/api/cases/{id}/transitions', { params: { path: { id } }, body })),
  );

export function useAddEvent(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateEventDto']) =>
      unwrap(api.POST('/api/cases/{id}/events', { params: { path: { id } }, body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['case', id] });
    },
  });
}

/** Who may take the case (the owning desk's active operators and staff, and its holder). */
export const useAssignees = (id: string) =>
  useQuery({
    queryKey: ['case', id, 'assignees'],
    queryFn: () =>
      unwrap(api.GET('/api/cases/{id}/assignees', { params: { path: { id } } })).then(
        (r) => r.items,
      ),
    staleTime: 60_000,
  });
