import { type Schemas, unwrap } from '@madoguchi/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type ReferralProgram = Schemas['ReferralProgramDto'];
export type ReferralProgramFields = Schemas['CreateReferralProgramDto'];

export const referralProgramKeys = {
  all: ['referral-programs'] as const,
  year: (fiscalYear: number) => ['referral-programs', 'admin', fiscalYear] as const,
};

/** A fiscal year's catalogue as admins edit it: retired programs included. */
export const useReferralProgramsOfYear = (fiscalYear: number) =>
  useQuery({
    queryKey: referralProgramKeys.year(fiscalYear),
    queryFn: () =>
      unwrap(
        api.GET('/api/referral-programs', {
          params: { query: { fiscalYear, includeInactive: 'true' } },
        }),
      ).then((r) => r.items),
    placeholderData: keepPreviousData,
  });

function useCatalogueMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: referralProgramKeys.all }),
  });
}

export const useCreateReferralProgram = () =>
  useCatalogueMutation((body: ReferralProgramFields) =>
    unwrap(api.POST('/api/referral-programs', { body })),
  );

export const useUpdateReferralProgram = () =>
  useCatalogueMutation(({ id, body }: { id: string; body: Schemas['UpdateReferralProgramDto'] }) =>
    unwrap(api.PATCH('/api/referral-programs/{id}', { params: { path: { id } }, body })),
  );

export const useCopyReferralYear = () =>
  useCatalogueMutation((body: Schemas['CopyReferralYearDto']) =>
    unwrap(api.POST('/api/referral-programs/copy-year', { body })),
  );
