import { type operations, type Schemas, unwrap } from '@madoguchi/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type Candidate = Schemas['CandidateDto'];
export type Nomination = Schemas['NominationDto'];
export type AwardKind = Schemas['AwardKindDto'];
export type CandidatesQuery = operations['awardsCandidates']['parameters']['query'];
export type NominationFields = Schemas['CreateNominationDto'];
export type ResultFields = Schemas['UpdateNominationDto'];

export const awardKeys = {
  all: ['awards'] as const,
  kinds: () => ['awards', 'kinds'] as const,
  candidates: (query: CandidatesQuery) => ['awards', 'candidates', query] as const,
};

export const useAwardKinds = () =>
  useQuery({
    queryKey: awardKeys.kinds(),
    queryFn: () => unwrap(api.GET('/api/awards/kinds')).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export const useCandidates = (query: CandidatesQuery) =>
  useQuery({
    queryKey: awardKeys.candidates(query),
    queryFn: () => unwrap(api.GET('/api/awards/candidates', { params: { query } })),
    placeholderData: keepPreviousData,
  });

/**
 * The same-origin address of the xlsx for a plain `<a href download>`: the browser sends the
 * session cookie and names the file from Content-Disposition.
 */
export function candidatesExportUrl(query: CandidatesQuery): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  return `/api/awards/candidates/export?${search.toString()}`;
}

export function useMarkCandidate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { organizationId: string; fiscalYear: number; marked: boolean }) =>
      v.marked
        ? unwrap(
            api.PUT('/api/awards/marks', {
              body: { organizationId: v.organizationId, fiscalYear: v.fiscalYear },
            }),
          )
        : unwrap(
            api.DELETE('/api/awards/marks/{organizationId}/{fiscalYear}', {
              params: { path: { organizationId: v.organizationId, fiscalYear: v.fiscalYear } },
            }),
          ),
    onSuccess: () => client.invalidateQueries({ queryKey: awardKeys.all }),
  });
}

export function useNominate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NominationFields) => unwrap(api.POST('/api/awards/nominations', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: awardKeys.all }),
  });
}

export function useRecordResult() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: ResultFields & { id: string }) =>
      unwrap(api.PATCH('/api/awards/nominations/{id}', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: awardKeys.all }),
  });
}
