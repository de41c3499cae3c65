import { type operations, type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type User = Schemas['UserDto'];
export type CreateUser = Schemas['CreateUserDto'];
export type UpdateUser = Schemas['UpdateUserDto'];

export type UserFilters = NonNullable<NonNullable<operations['usersList']['parameters']>['query']>;

export const userKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters) => [...userKeys.all, 'list', filters] as const,
};

/** Staff accounts, searched by email or name and filtered by role, desk and active. */
export const useUsers = (filters: UserFilters = {}) =>
  useQuery({
    queryKey: userKeys.list(filters),
    queryFn: () =>
      unwrap(api.GET('/api/users', { params: { query: filters } })).then((r) => r.items),
    // Typing in the search keeps the last list on screen instead of a loader.
    placeholderData: (previous) => previous,
  });

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => unwrap(api.POST('/api/users', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUser }) =>
      unwrap(api.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/users/{id}/reset-password', { params: { path: { id } } })),
  });
}
