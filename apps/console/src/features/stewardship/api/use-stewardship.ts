import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type RetentionOverview = Schemas['RetentionOverviewDto'];
export type PseudonymizationRun = Schemas['PseudonymizationRunDto'];
export type DataSubjectRequest = Schemas['DataSubjectRequestDto'];
export type DataSubjectSearchResult = Schemas['DataSubjectSearchResultDto'];
export type SubjectQuery = { email?: string; phone?: string; name?: string };
export type LegalHold = Schemas['LegalHoldDto'];
export type ErasureResult = Schemas['ErasureResultDto'];
export type HoldTarget = { targetType: 'case' | 'organization'; targetId: string };

export const stewardshipKeys = {
  retention: ['retention'] as const,
  requests: ['data-subjects', 'requests'] as const,
  search: (query: SubjectQuery) => ['data-subjects', 'search', query] as const,
  holds: (target: HoldTarget) => ['legal-holds', target.targetType, target.targetId] as const,
};

export const useRetention = () =>
  useQuery({
    queryKey: stewardshipKeys.retention,
    queryFn: () => unwrap(api.GET('/api/retention')),
  });

export function useUpdateRetention() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateRetentionPolicyDto']) =>
      unwrap(api.PUT('/api/retention', { body })),
    onSuccess: (saved) => client.setQueryData(stewardshipKeys.retention, saved),
  });
}

export function useDryRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/retention/dry-run')),
    onSuccess: () => client.invalidateQueries({ queryKey: stewardshipKeys.retention }),
  });
}

/** Runs only once a search was asked for (a person is looked up on purpose, and audited). */
export const useSubjectSearch = (query: SubjectQuery | null) =>
  useQuery({
    queryKey: stewardshipKeys.search(query ?? {}),
    queryFn: () => unwrap(api.GET('/api/data-subjects/search', { params: { query: query! } })),
    enabled: query !== null,
    staleTime: Infinity,
  });

export const useDataSubjectRequests = () =>
  useQuery({
    queryKey: stewardshipKeys.requests,
    queryFn: () => unwrap(api.GET('/api/data-subjects/requests')),
  });

export function useCreateDataSubjectRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateDataSubjectRequestDto']) =>
      unwrap(api.POST('/api/data-subjects/requests', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: stewardshipKeys.requests }),
  });
}

export function useUpdateDataSubjectRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateDataSubjectRequestDto'] }) =>
      unwrap(api.PATCH('/api/data-subjects/requests/{id}', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: stewardshipKeys.requests }),
  });
}

/** The disclosure zip is a plain download of the API's URL (the session cookie goes along). */
export const disclosureUrl = (id: string): string =>
  `/api/data-subjects/requests/${encodeURIComponent(id)}/disclosure`;

/** Every hold of one case or organization, the one in force first (the API orders by set_at). */
export const useLegalHolds = (target: HoldTarget, enabled: boolean) =>
  useQuery({
    queryKey: stewardshipKeys.holds(target),
    queryFn: () =>
      unwrap(
        api.GET('/api/legal-holds', {
          params: {
            query:
              target.targetType === 'case'
                ? { caseId: target.targetId }
                : { organizationId: target.targetId },
          },
        }),
      ),
    enabled,
  });

export function usePlaceLegalHold(target: HoldTarget) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/api/legal-holds', { body: { ...target, reason } })),
    onSettled: () => client.invalidateQueries({ queryKey: stewardshipKeys.holds(target) }),
  });
}

export function useReleaseLegalHold(target: HoldTarget) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(
        api.POST('/api/legal-holds/{id}/release', { params: { path: { id } }, body: { reason } }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: stewardshipKeys.holds(target) }),
  });
}

/** Pseudonymizes the person now under an erasure or stop-of-use request. */
export function useEraseDataSubject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['EraseDataSubjectDto'] }) =>
      unwrap(
        api.POST('/api/data-subjects/requests/{id}/erase', { params: { path: { id } }, body }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: stewardshipKeys.requests }),
  });
}
