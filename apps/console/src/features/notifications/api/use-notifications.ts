import { unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Marks one notification read, or all of them with the id 'all'. */
/** The bell polls: cheap (one indexed count) and works behind any proxy. */
export const useNotifications = () =>
  useQuery({
    queryKey: ['notifications'],
    queryFn: () => unwrap(api.GET('/api/notifications')),
    refetchInterval: 60_000,
  });

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      id === 'all'
        ? unwrap(api.POST('/api/notifications/read-all'))
        : unwrap(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
