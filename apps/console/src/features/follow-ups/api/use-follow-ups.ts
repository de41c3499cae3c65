import { type operations, type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { caseKeys } from '../../cases/api/use-cases';

export type FollowUp = Schemas['FollowUpDto'];
type ListQuery = NonNullable<operations['followUpsList']['parameters']['query']>;

/** A case's follow-ups sit under the case's key: refreshing the case refreshes them. */
export const followUpKeys = {
  lists: () => ['follow-ups'] as const,
  list: (query: ListQuery) => [...followUpKeys.lists(), query] as const,
  ofCase: (caseId: string) => [...caseKeys.detail(caseId), 'follow-ups'] as const,
};

export const useFollowUps = (query: ListQuery) =>
  useQuery({
    queryKey: followUpKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/follow-ups', { params: { query } })).then((r) => r.items),
  });

export const useCaseFollowUps = (caseId: string) =>
  useQuery({
    queryKey: followUpKeys.ofCase(caseId),
    queryFn: () =>
      unwrap(api.GET('/api/cases/{id}/follow-ups', { params: { path: { id: caseId } } })).then(
        (r) => r.items,
      ),
  });

function useFollowUpMutation<T>(run: (vars: T) => Promise<FollowUp>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (f) => {
      void client.invalidateQueries({ queryKey: followUpKeys.lists() });
      void client.invalidateQueries({ queryKey: caseKeys.detail(f.caseId) });
    },
  });
}

export const useAddFollowUp = (caseId: string) =>
  useFollowUpMutation((body: Schemas['CreateFollowUpDto']) =>
    unwrap(api.POST('/api/cases/{id}/follow-ups', { params: { path: { id: caseId } }, body })),
  );

export const useCompleteFollowUp = () =>
  useFollowUpMutation(({ id, body }: { id: string; body: Schemas['CompleteFollowUpDto'] }) =>
    unwrap(api.POST('/api/follow-ups/{id}/complete', { params: { path: { id } }, body })),
  );

export const useRescheduleFollowUp = () =>
  useFollowUpMutation(({ id, body }: { id: string; body: Schemas['RescheduleFollowUpDto'] }) =>
    unwrap(api.POST('/api/follow-ups/{id}/reschedule', { params: { path: { id } }, body })),
  );
