import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export type User = Schemas['UserDto'];
export type CreateUser = Schemas['CreateUserDto'];
export type UpdateUser = Schemas['UpdateUserDto'];

export const useUsers = () =>
  useQuery({
    queryKey: ['users'],
    queryFn: () => unwrap(api.GET('/api/users')).then((r) => r.items),
  });

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => unwrap(api.POST('/api/users', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUser }) =>
      unwrap(api.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/users/{id}/reset-password', { params: { path: { id } } })),
  });
}
