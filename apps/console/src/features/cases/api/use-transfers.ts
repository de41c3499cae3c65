import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api-client';
import { type Case, caseKeys } from './use-cases';

export type Desk = Schemas['DeskDto'];

/** The desks list, read by several features (the admin screen refreshes it after a change). */
export const deskKeys = {
  all: ['desks'] as const,
};

export const useDesks = () =>
  useQuery({
    queryKey: deskKeys.all,
    queryFn: () => unwrap(api.GET('/api/desks')).then((r) => r.items),
    staleTime: 10 * 60_000,
  });

/** The desks to pick from, by name in the UI language (their ids mean nothing to a person). */
export function useDeskOptions(): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  const desks = useDesks();
  return (desks.data ?? []).map((d) => ({
    value: d.id,
    label: i18n.language === 'en' ? d.nameEn : d.nameJa,
  }));
}

/** A desk's name in the UI language, for any screen that holds a desk id (ids are for machines). */
export function useDeskName(): (id: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const desks = useDesks();
  return (id) => {
    if (!id) {
      return '';
    }
    const desk = desks.data?.find((d) => d.id === id);
    // Until the list arrives, nothing rather than the id: a code never flashes on screen.
    return desk ? (i18n.language === 'en' ? desk.nameEn : desk.nameJa) : '';
  };
}

function useTransferMutation<T>(run: (vars: T) => Promise<Case>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (updated) => {
      client.setQueryData(caseKeys.detail(updated.id), updated);
      void client.invalidateQueries({ queryKey: caseKeys.events(updated.id) });
      void client.invalidateQueries({ queryKey: caseKeys.lists() });
    },
  });
}

export const useRequestTransfer = (id: string) =>
  useTransferMutation((body: Schemas['TransferDto']) =>
    unwrap(api.POST('/api/cases/{id}/transfer', { params: { path: { id } }, body })),
  );

export const useWithdrawTransfer = (id: string) =>
  useTransferMutation(() =>
    unwrap(api.POST('/api/cases/{id}/transfer/withdraw', { params: { path: { id } } })),
  );

export const useAcceptTransfer = (id: string) =>
  useTransferMutation(() =>
    unwrap(api.POST('/api/cases/{id}/transfer/accept', { params: { path: { id } } })),
  );

/** After a bounce the case is no longer ours to see: the lists refresh, the page moves on. */
export function useBounceTransfer(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['BounceTransferDto']) =>
      unwrap(api.POST('/api/cases/{id}/transfer/bounce', { params: { path: { id } }, body })),
    onSuccess: () => {
      client.removeQueries({ queryKey: caseKeys.detail(id) });
      void client.invalidateQueries({ queryKey: caseKeys.lists() });
    },
  });
}
