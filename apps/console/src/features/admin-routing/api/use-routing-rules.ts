import { ApiError, type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type RoutingRule = Schemas['RoutingRuleDto'];
export type CreateRoutingRule = Schemas['CreateRoutingRuleDto'];
export type UpdateRoutingRule = Schemas['UpdateRoutingRuleDto'];
export type Desk = Schemas['DeskDto'];
export type User = Schemas['UserDto'];

const RULES = ['routing-rules'];

export const useRoutingRules = () =>
  useQuery({
    queryKey: RULES,
    queryFn: () => unwrap(api.GET('/api/routing-rules')).then((r) => r.items),
  });

export const useDesks = () =>
  useQuery({
    queryKey: ['desks'],
    queryFn: () => unwrap(api.GET('/api/desks')).then((r) => r.items),
    staleTime: 10 * 60_000,
  });

/** Who a rule may name as assignee: active operators and desk staff. */
export const useAssignableUsers = () =>
  useQuery({
    queryKey: ['routing-rules', 'assignable-users'],
    queryFn: () =>
      unwrap(api.GET('/api/users')).then((r) =>
        r.items.filter((u) => u.active && (u.role === 'operator' || u.role === 'desk_staff')),
      ),
    staleTime: 5 * 60_000,
  });

/** Another admin saved the rule after this screen read it. */
export const isVersionConflict = (error: unknown): boolean =>
  error instanceof ApiError && error.body.code === 'ROUTING_RULE_VERSION_CONFLICT';

export const isGone = (error: unknown): boolean =>
  error instanceof ApiError && error.body.code === 'NOT_FOUND';

function useRuleMutation<T, R>(run: (vars: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    // Also after a failure: a conflict or a vanished rule means the list is out of date.
    onSettled: () => client.invalidateQueries({ queryKey: RULES }),
  });
}

export const useCreateRule = () =>
  useRuleMutation((body: CreateRoutingRule) => unwrap(api.POST('/api/routing-rules', { body })));

export const useUpdateRule = () =>
  useRuleMutation(({ id, body }: { id: string; body: UpdateRoutingRule }) =>
    unwrap(api.PATCH('/api/routing-rules/{id}', { params: { path: { id } }, body })),
  );

export const useDeleteRule = () =>
  useRuleMutation((id: string) =>
    unwrap(api.DELETE('/api/routing-rules/{id}', { params: { path: { id } } })),
  );

/**
 * Moves a rule by giving it and its neighbour each other's positions. Equal positions (the list
 * then falls back to creation order) cannot be swapped, so the whole list is renumbered instead.
 */
export const useMoveRule = () =>
  useRuleMutation(
    async ({ rules, from, to }: { rules: RoutingRule[]; from: number; to: number }) => {
      const moving = rules[from]!;
      const other = rules[to]!;
      const patch = (rule: RoutingRule, position: number) =>
        unwrap(
          api.PATCH('/api/routing-rules/{id}', {
            params: { path: { id: rule.id } },
            body: { position, active: rule.active, version: rule.version },
          }),
        );
      if (moving.position !== other.position) {
        await patch(moving, other.position);
        await patch(other, moving.position);
        return;
      }
      const order = [...rules];
      order.splice(to, 0, ...order.splice(from, 1));
      for (const [index, rule] of order.entries()) {
        const position = (index + 1) * 10;
        if (rule.position !== position) {
          await patch(rule, position);
        }
      }
    },
  );
