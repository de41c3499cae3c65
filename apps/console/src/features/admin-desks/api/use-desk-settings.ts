import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type SlaPolicy = Schemas['SlaPolicyDto'];
export type UpdateSlaPolicy = Schemas['UpdateSlaPolicyDto'];
export type Desk = Schemas['DeskDto'];
export type UpdateDesk = Schemas['UpdateDeskDto'];
export type DeskClosure = Schemas['DeskClosureDto'];

export const useSlaPolicies = () =>
  useQuery({
    queryKey: ['sla-policies'],
    queryFn: () => unwrap(api.GET('/api/sla-policies')).then((r) => r.items),
  });

export function useUpdateSlaPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ channel, body }: { channel: SlaPolicy['channel']; body: UpdateSlaPolicy }) =>
      unwrap(api.PATCH('/api/sla-policies/{channel}', { params: { path: { channel } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['sla-policies'] }),
  });
}

export const useDesks = () =>
  useQuery({
    queryKey: ['desks'],
    queryFn: () => unwrap(api.GET('/api/desks')).then((r) => r.items),
  });

export function useUpdateDesk() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateDesk }) =>
      unwrap(api.PATCH('/api/desks/{id}', { params: { path: { id } }, body })),
    // Every screen that names desks (transfers, routing) shares this list.
    onSuccess: () => client.invalidateQueries({ queryKey: ['desks'], exact: true }),
  });
}

const closuresKey = (deskId: string) => ['desks', deskId, 'closures'];

export const useClosures = (deskId: string) =>
  useQuery({
    queryKey: closuresKey(deskId),
    queryFn: () =>
      unwrap(api.GET('/api/desks/{id}/closures', { params: { path: { id: deskId } } })).then(
        (r) => r.items,
      ),
  });

export function useAddClosure(deskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateDeskClosureDto']) =>
      unwrap(api.POST('/api/desks/{id}/closures', { params: { path: { id: deskId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: closuresKey(deskId) }),
  });
}

export function useRemoveClosure(deskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (date: string) =>
      unwrap(
        api.DELETE('/api/desks/{id}/closures/{date}', { params: { path: { id: deskId, date } } }),
      ),
    // Also after a failure: someone else may have reopened that date already.
    onSettled: () => client.invalidateQueries({ queryKey: closuresKey(deskId) }),
  });
}
