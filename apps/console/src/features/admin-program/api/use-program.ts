import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type SessionSettings = Schemas['SessionSettingsDto'];
export type ReportTarget = Schemas['ReportTargetDto'];

export const programKeys = {
  sessions: ['settings', 'sessions'] as const,
  targets: ['reports', 'targets'] as const,
};

export const useSessionSettings = () =>
  useQuery({
    queryKey: programKeys.sessions,
    queryFn: () => unwrap(api.GET('/api/settings/sessions')),
  });

export function useUpdateSessionSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateSessionSettingsDto']) =>
      unwrap(api.PATCH('/api/settings/sessions', { body })),
    onSuccess: (saved) => client.setQueryData(programKeys.sessions, saved),
  });
}

export const useReportTargets = () =>
  useQuery({
    queryKey: programKeys.targets,
    queryFn: () => unwrap(api.GET('/api/reports/targets')),
  });

export function useUpdateReportTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: Schemas['UpdateReportTargetDto'] }) =>
      unwrap(api.PATCH('/api/reports/targets/{code}', { params: { path: { code } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: programKeys.targets }),
  });
}
