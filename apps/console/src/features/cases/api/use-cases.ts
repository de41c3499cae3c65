import { type Schemas, unwrap } from '@madoguchi/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api-client';

export type Case = Schemas['CaseDto'];
export type CaseSummary = Schemas['CaseSummaryDto'];
export type CaseEvent = Schemas['CaseEventDto'];
export type Intake = Schemas['IntakeDto'];
export type CaseFilters = { q?: string; status?: string; channel?: string; cursor?: string };

export const useCaseList = (filters: CaseFilters) =>
  useQuery({
    queryKey: ['cases', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/cases', {
          params: {
            query: {
              q: filters.q || undefined,
              status: filters.status
                ? (filters.status.split(',') as Schemas['CaseDto']['status'][])
                : undefined,
              channel: (filters.channel || undefined) as Schemas['CaseDto']['channel'] | undefined,
              cursor: filters.cursor,
              limit: 50,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const useCase = (id: string) =>
  useQuery({
    queryKey: ['case', id],
    queryFn: () => unwrap(api.GET('/api/cases/{id}', { params: { path: { id } } })),
  });

export const useTimeline = (id: string) =>
  useQuery({
    queryKey: ['case', id, 'events'],
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
