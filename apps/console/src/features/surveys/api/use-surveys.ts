import { type operations, type Schemas, unwrap } from '@madoguchi/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type UnansweredSurvey = Schemas['UnansweredSurveyDto'];
export type UnansweredQuery = NonNullable<operations['surveysUnanswered']['parameters']['query']>;

export const useUnansweredSurveys = (query: UnansweredQuery) =>
  useQuery({
    queryKey: ['surveys', 'unanswered', query],
    queryFn: () =>
      unwrap(api.GET('/api/surveys/unanswered', { params: { query } })).then((r) => r.items),
    placeholderData: keepPreviousData,
  });

export function useResendSurvey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/surveys/{id}/resend', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['surveys'] }),
  });
}
