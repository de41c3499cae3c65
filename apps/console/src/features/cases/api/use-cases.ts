import { type operations, type Schemas, unwrap } from '@madoguchi/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { myWorkKeys } from '../../home/api/use-my-work';

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

/**
 * The cases feature's query keys. Everything about one case sits under `detail(id)`, so
 * invalidating it refreshes the case and all its parts; other features hang their per-case keys
 * below it too (`[...caseKeys.detail(id), 'follow-ups']`).
 */
export const caseKeys = {
  lists: () => ['cases'] as const,
  list: (filters: CaseFilters) => [...caseKeys.lists(), filters] as const,
  /** Every open case page (a change that may touch any of them). */
  all: () => ['case'] as const,
  detail: (id: string) => [...caseKeys.all(), id] as const,
  events: (id: string) => [...caseKeys.detail(id), 'events'] as const,
  referrals: (id: string) => [...caseKeys.detail(id), 'referrals'] as const,
  assignees: (id: string) => [...caseKeys.detail(id), 'assignees'] as const,
  savedViews: () => ['saved-views'] as const,
  referralPrograms: () => ['referral-programs'] as const,
};

/** URL strings to the typed query: the API validates the values and names any bad one. */
export const toListQuery = (filters: CaseFilters): ListQuery =>
  ({
    ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
    status: filters.status ? filters.status.split(',') : undefined,
  }) as ListQuery;

export const useCaseList = (filters: CaseFilters) =>
  useQuery({
    queryKey: caseKeys.list(filters),
    queryFn: () =>
      unwrap(api.GET('/api/cases', { params: { query: { ...toListQuery(filters), limit: 50 } } })),
    placeholderData: keepPreviousData,
  });

export const useSavedViews = () =>
  useQuery({
    queryKey: caseKeys.savedViews(),
    queryFn: () => unwrap(api.GET('/api/saved-views')).then((r) => r.items),
  });

export function useSaveView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateSavedViewDto']) =>
      unwrap(api.POST('/api/saved-views', { body })),
    // The home page's figures hold the views with their counts (home page, sidebar).
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: caseKeys.savedViews() }),
        client.invalidateQueries({ queryKey: myWorkKeys.all }),
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
        client.invalidateQueries({ queryKey: caseKeys.savedViews() }),
        client.invalidateQueries({ queryKey: myWorkKeys.all }),
      ]),
  });
}

export const useReferralPrograms = (enabled = true) =>
  useQuery({
    queryKey: caseKeys.referralPrograms(),
    enabled,
    queryFn: () => unwrap(api.GET('/api/referral-programs')).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export const useReferrals = (caseId: string) =>
  useQuery({
    queryKey: caseKeys.referrals(caseId),
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
    onSuccess: () => client.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
  });
}

/** A case id as the API accepts it; anything else is answered "not found" without asking. */
export const isCaseId = (id: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export const useCase = (id: string) =>
  useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/cases/{id}', { params: { path: { id } } })),
    enabled: isCaseId(id),
  });

export const useTimeline = (id: string, enabled = true) =>
  useQuery({
    queryKey: caseKeys.events(id),
    enabled,
    queryFn: () =>
      unwrap(api.GET('/api/cases/{id}/events', { params: { path: { id } } })).then((r) => r.items),
  });

export type BulkResult = Schemas['BulkResultDto'];

/** Acts on several cases at once; each succeeds or fails on its own. */
export function useBulkCases({ onSuccess }: { onSuccess: (results: BulkResult[]) => void }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['BulkCaseActionDto']) =>
      unwrap(api.POST('/api/cases/bulk', { body })).then((r) => r.results),
    onSuccess: (results) => {
      void client.invalidateQueries({ queryKey: caseKeys.lists() });
      onSuccess(results);
    },
  });
}

export function useIntake() {
  const client = useQueryClient();
  return useMutation({
    // The key makes a double submit (or a retry after a timeout) create one case, not two.
    mutationFn: ({ body, idempotencyKey }: { body: Intake; idempotencyKey: string }) =>
      unwrap(
        api.POST('/api/cases', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: caseKeys.lists() }),
  });
}

function useCaseMutation<T>(run: (vars: T) => Promise<Case>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (updated) => {
      client.setQueryData(caseKeys.detail(updated.id), updated);
      void client.invalidateQueries({ queryKey: caseKeys.events(updated.id) });
      void client.invalidateQueries({ queryKey: caseKeys.lists() });
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
      void client.invalidateQueries({ queryKey: caseKeys.detail(id) });
    },
  });
}

/** Who may take the case (the owning desk's active operators and staff, and its holder). */
export const useAssignees = (id: string) =>
  useQuery({
    queryKey: caseKeys.assignees(id),
    queryFn: () =>
      unwrap(api.GET('/api/cases/{id}/assignees', { params: { path: { id } } })).then(
        (r) => r.items,
      ),
    staleTime: 60_000,
  });
