import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type Expert = Schemas['ExpertDto'];
export type ExpertFields = Omit<Schemas['UpdateExpertDto'], 'version'>;

export const expertKeys = {
  all: ['experts'] as const,
  list: (activeOnly: boolean) => [...expertKeys.all, 'list', { activeOnly }] as const,
  candidates: () => ['users', 'expert-candidates'] as const,
};

export const useExperts = (activeOnly: boolean) =>
  useQuery({
    queryKey: expertKeys.list(activeOnly),
    queryFn: () =>
      unwrap(
        api.GET('/api/experts', { params: { query: activeOnly ? { active: true } : {} } }),
      ).then((r) => r.items),
  });

/** Active expert users, to pick the one a new profile belongs to. */
export const useExpertUsers = (enabled: boolean) =>
  useQuery({
    queryKey: expertKeys.candidates(),
    queryFn: () =>
      unwrap(api.GET('/api/users', { params: { query: { role: 'expert', active: true } } })).then(
        (r) => r.items,
      ),
    enabled,
  });

export function useSaveExpert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      input:
        | { id: string; body: ExpertFields & { version: number } }
        | { body: ExpertFields & { userId: string } },
    ) =>
      'id' in input
        ? unwrap(
            api.PATCH('/api/experts/{id}', {
              params: { path: { id: input.id } },
              body: input.body,
            }),
          )
        : unwrap(api.POST('/api/experts', { body: input.body })),
    onSuccess: () => client.invalidateQueries({ queryKey: expertKeys.all }),
  });
}
