import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api-client';

export type RoutingRule = Schemas['RoutingRuleDto'];
export type Desk = Schemas['DeskDto'];

export const useRoutingRules = () =>
  useQuery({
    queryKey: ['routing-rules'],
    queryFn: () => unwrap(api.GET('/api/routing-rules')).then((r) => r.items),
  });

export const useSlaPolicies = () =>
  useQuery({
    queryKey: ['sla-policies'],
    queryFn: () => unwrap(api.GET('/api/sla-policies')).then((r) => r.items),
  });

export const useAdminDesks = () =>
  useQuery({
    queryKey: ['desks'],
    queryFn: () => unwrap(api.GET('/api/desks')).then((r) => r.items),
  });

export const useClosures = (deskId: string | null) =>
  useQuery({
    queryKey: ['desks', deskId, 'closures'],
    queryFn: () =>
      unwrap(api.GET('/api/desks/{id}/closures', { params: { path: { id: deskId! } } })).then(
        (r) => r.items,
      ),
    enabled: !!deskId,
  });

export const useJobs = () =>
  useQuery({
    queryKey: ['jobs'],
    queryFn: () => unwrap(api.GET('/api/jobs')),
    refetchInterval: 30_000,
  });

/** Mutations refresh what they touched, by query-key prefix. */
function useAdminMutation<T, R>(keys: string[][], run: (vars: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      for (const queryKey of keys) {
        void client.invalidateQueries({ queryKey });
      }
    },
  });
}

export const useSaveRule = () =>
  useAdminMutation(
    [['routing-rules']],
    ({
      id,
      body,
    }: {
      id?: string;
      body: Schemas['CreateRoutingRuleDto'] & { version?: number };
    }) =>
      id
        ? unwrap(
            api.PATCH('/api/routing-rules/{id}', {
              params: { path: { id } },
              body: { ...body, version: body.version ?? 1 },
            }),
          )
        : unwrap(api.POST('/api/routing-rules', { body })),
  );

export const useDeleteRule = () =>
  useAdminMutation([['routing-rules']], (id: string) =>
    unwrap(api.DELETE('/api/routing-rules/{id}', { params: { path: { id } } })),
  );

export const useSavePolicy = () =>
  useAdminMutation(
    [['sla-policies']],
    ({ channel, body }: { channel: string; body: Schemas['UpdateSlaPolicyDto'] }) =>
      unwrap(api.PATCH('/api/sla-policies/{channel}', { params: { path: { channel } }, body })),
  );

export const useSaveDesk = () =>
  useAdminMutation([['desks']], ({ id, body }: { id: string; body: Schemas['UpdateDeskDto'] }) =>
    unwrap(api.PATCH('/api/desks/{id}', { params: { path: { id } }, body })),
  );

export const useAddClosure = (deskId: string) =>
  useAdminMutation([['desks', deskId]], (body: Schemas['CreateDeskClosureDto']) =>
    unwrap(api.POST('/api/desks/{id}/closures', { params: { path: { id: deskId } }, body })),
  );

export const useRemoveClosure = (deskId: string) =>
  useAdminMutation([['desks', deskId]], (date: string) =>
    unwrap(
      api.DELETE('/api/desks/{id}/closures/{date}', { params: { path: { id: deskId, date } } }),
    ),
  );

export const useRetryJob = () =>
  useAdminMutation([['jobs']], ({ id, queue }: { id: string; queue: string }) =>
    unwrap(api.POST('/api/jobs/{id}/retry', { params: { path: { id } }, body: { queue } })),
  );
