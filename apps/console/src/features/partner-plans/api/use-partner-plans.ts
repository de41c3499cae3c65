import { type Schemas, unwrap } from '@madoguchi/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type PlanActivity = Schemas['PartnerPlanActivityDto'];
export type PlanActivityDetail = Schemas['PartnerPlanActivityDetailDto'];
export type PlanActivityFields = Schemas['CreatePartnerPlanActivityDto'];
export type PlanParty = PlanActivityFields['party'];

export const partnerPlanKeys = {
  all: ['partner-plans'] as const,
  list: (fiscalYear: number) => ['partner-plans', 'list', fiscalYear] as const,
  detail: (id: string) => ['partner-plans', 'detail', id] as const,
  candidates: (fiscalYear: number) => ['partner-plans', 'referral-candidates', fiscalYear] as const,
  // The progress report reads the same activities: it refreshes with them.
  progress: ['reports', 'partner-plans'] as const,
};

export const usePlanActivities = (fiscalYear: number) =>
  useQuery({
    queryKey: partnerPlanKeys.list(fiscalYear),
    queryFn: () =>
      unwrap(api.GET('/api/partner-plans/activities', { params: { query: { fiscalYear } } })).then(
        (r) => r.items,
      ),
    placeholderData: keepPreviousData,
  });

export const usePlanActivity = (id: string | null) =>
  useQuery({
    queryKey: partnerPlanKeys.detail(id ?? ''),
    queryFn: () =>
      unwrap(api.GET('/api/partner-plans/activities/{id}', { params: { path: { id: id! } } })),
    enabled: id !== null,
  });

export const useReferralCandidates = (fiscalYear: number, enabled: boolean) =>
  useQuery({
    queryKey: partnerPlanKeys.candidates(fiscalYear),
    queryFn: () =>
      unwrap(
        api.GET('/api/partner-plans/referral-candidates', { params: { query: { fiscalYear } } }),
      ).then((r) => r.items),
    enabled,
  });

/** Every write changes an activity's figures: the list, the detail and the progress refresh. */
function usePlanMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: partnerPlanKeys.all }),
        client.invalidateQueries({ queryKey: partnerPlanKeys.progress }),
      ]),
  });
}

export const useCreatePlanActivity = () =>
  usePlanMutation((body: PlanActivityFields) =>
    unwrap(api.POST('/api/partner-plans/activities', { body })),
  );

export const useUpdatePlanActivity = () =>
  usePlanMutation(({ id, body }: { id: string; body: Schemas['UpdatePartnerPlanActivityDto'] }) =>
    unwrap(api.PATCH('/api/partner-plans/activities/{id}', { params: { path: { id } }, body })),
  );

export const useDeletePlanActivity = () =>
  usePlanMutation((id: string) =>
    unwrap(api.DELETE('/api/partner-plans/activities/{id}', { params: { path: { id } } })),
  );

export const useLinkPlanEvent = () =>
  usePlanMutation(({ id, eventId }: { id: string; eventId: string }) =>
    unwrap(
      api.POST('/api/partner-plans/activities/{id}/events', {
        params: { path: { id } },
        body: { eventId },
      }),
    ),
  );

export const useUnlinkPlanEvent = () =>
  usePlanMutation(({ id, eventId }: { id: string; eventId: string }) =>
    unwrap(
      api.DELETE('/api/partner-plans/activities/{id}/events/{eventId}', {
        params: { path: { id, eventId } },
      }),
    ),
  );

export const useLinkPlanReferral = () =>
  usePlanMutation(({ id, referralId }: { id: string; referralId: string }) =>
    unwrap(
      api.POST('/api/partner-plans/activities/{id}/referrals', {
        params: { path: { id } },
        body: { referralId },
      }),
    ),
  );

export const useUnlinkPlanReferral = () =>
  usePlanMutation(({ id, referralId }: { id: string; referralId: string }) =>
    unwrap(
      api.DELETE('/api/partner-plans/activities/{id}/referrals/{referralId}', {
        params: { path: { id, referralId } },
      }),
    ),
  );
