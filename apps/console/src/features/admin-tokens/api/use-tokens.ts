import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type ApiToken = Schemas['ApiTokenDto'];
export type CreateApiToken = Schemas['CreateApiTokenDto'];

export const tokenKeys = {
  all: ['api-tokens'] as const,
};

export const useTokens = () =>
  useQuery({
    queryKey: tokenKeys.all,
    queryFn: () => unwrap(api.GET('/api/api-tokens')).then((r) => r.items),
  });

/** Creates a token; its secret is in the answer, once. */
export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiToken) => unwrap(api.POST('/api/api-tokens', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/api-tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
