import { type paths, type Schemas, unwrap } from '@madoguchi/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type CaseloadReport = Schemas['CaseloadReportDto'];
export type CaseloadRow = Schemas['CaseloadRowDto'];
export type BacklogReport = Schemas['BacklogReportDto'];
export type SlaReport = Schemas['SlaReportDto'];
export type SessionsReport = Schemas['SessionsReportDto'];
export type OutcomesReport = Schemas['OutcomesReportDto'];
export type OutcomeRow = Schemas['OutcomeRowDto'];
export type ReferralsReport = Schemas['ReferralsReportDto'];
export type FunnelReport = Schemas['FunnelReportDto'];
export type SurveysReport = Schemas['SurveysReportDto'];
export type Snapshot = Schemas['SnapshotDto'];

type CaseloadQuery = paths['/api/reports/caseload']['get']['parameters']['query'];
export type CaseloadDimension = CaseloadQuery['groupBy'][number];
/** The filters every report takes (period resolved to days), without the format. */
export type ReportQuery = Omit<
  NonNullable<paths['/api/reports/funnel']['get']['parameters']['query']>,
  'format'
>;

/** The report endpoints that answer JSON, CSV or xlsx for the same query. */
export type ReportPath =
  | '/api/reports/caseload'
  | '/api/reports/backlog'
  | '/api/reports/sla'
  | '/api/reports/sessions'
  | '/api/reports/outcomes'
  | '/api/reports/referrals'
  | '/api/reports/funnel'
  | '/api/reports/surveys';

/** Every download the reports screens offer, with the query its endpoint takes. */
type DownloadPath =
  ReportPath | '/api/reports/export' | '/api/reports/results.xlsx' | '/api/reports/partner-plans';
type DownloadQuery<P extends DownloadPath> = NonNullable<paths[P]['get']['parameters']['query']>;

/**
 * The same-origin URL of a download, for a plain `<a href download>`: the browser sends the
 * session cookie, streams the file to disk and names it from Content-Disposition, so a
 * million-row export never sits in the page's memory. Arrays go comma-separated, as the API
 * reads them.
 */
export function downloadUrl<P extends DownloadPath>(path: P, query: DownloadQuery<P>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (Array.isArray(value)) {
      search.set(key, value.join(','));
    } else if (typeof value === 'string' && value !== '') {
      search.set(key, value);
    }
  }
  return `${path}?${search.toString()}`;
}

// The report endpoints also answer CSV and xlsx, so the generated response is a union with
// strings; the JSON branch is the one asked for here (no format means json).
const json = <T>(result: Promise<{ data?: unknown; error?: unknown; response: Response }>) =>
  unwrap(result) as Promise<T>;

const reportQueryOptions = { placeholderData: keepPreviousData, staleTime: 60_000 } as const;

export const useCaseload = (query: ReportQuery, groupBy: CaseloadDimension[]) =>
  useQuery({
    queryKey: ['reports', 'caseload', query, groupBy],
    queryFn: () =>
      json<CaseloadReport>(
        api.GET('/api/reports/caseload', { params: { query: { ...query, groupBy } } }),
      ),
    ...reportQueryOptions,
  });

export const useBacklog = (query: ReportQuery, byDesk: boolean) =>
  useQuery({
    queryKey: ['reports', 'backlog', query, byDesk],
    queryFn: () =>
      json<BacklogReport>(
        api.GET('/api/reports/backlog', {
          params: { query: { ...query, ...(byDesk ? { groupBy: 'desk' as const } : {}) } },
        }),
      ),
    ...reportQueryOptions,
  });

export const useSla = (query: ReportQuery) =>
  useQuery({
    queryKey: ['reports', 'sla', query],
    queryFn: () => json<SlaReport>(api.GET('/api/reports/sla', { params: { query } })),
    ...reportQueryOptions,
  });

export const useSessionsReport = (query: ReportQuery) =>
  useQuery({
    queryKey: ['reports', 'sessions', query],
    queryFn: () => json<SessionsReport>(api.GET('/api/reports/sessions', { params: { query } })),
    ...reportQueryOptions,
  });

export const useOutcomes = (query: ReportQuery) =>
  useQuery({
    queryKey: ['reports', 'outcomes', query],
    queryFn: () => json<OutcomesReport>(api.GET('/api/reports/outcomes', { params: { query } })),
    ...reportQueryOptions,
  });

export const useReferralsReport = (query: ReportQuery) =>
  useQuery({
    queryKey: ['reports', 'referrals', query],
    queryFn: () => json<ReferralsReport>(api.GET('/api/reports/referrals', { params: { query } })),
    ...reportQueryOptions,
  });

export const useFunnel = (query: ReportQuery) =>
  useQuery({
    queryKey: ['reports', 'funnel', query],
    queryFn: () => json<FunnelReport>(api.GET('/api/reports/funnel', { params: { query } })),
    ...reportQueryOptions,
  });

export const useSurveysReport = (query: ReportQuery) =>
  useQuery({
    queryKey: ['reports', 'surveys', query],
    queryFn: () => json<SurveysReport>(api.GET('/api/reports/surveys', { params: { query } })),
    ...reportQueryOptions,
  });

export const useSnapshots = () =>
  useQuery({
    queryKey: ['reports', 'snapshots'],
    queryFn: () => unwrap(api.GET('/api/reports/snapshots')).then((r) => r.items),
  });

export function useFreezePeriod() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (period: string) =>
      unwrap(api.POST('/api/reports/snapshots', { body: { period } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports', 'snapshots'] }),
  });
}

export const useDeskOptions = () =>
  useQuery({
    queryKey: ['desks'],
    queryFn: () => unwrap(api.GET('/api/desks')).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export type PartnerPlanProgress = Schemas['PartnerPlanProgressReportDto'];

/** The cooperation plans' progress in a fiscal year (the partner-plans screen refreshes it). */
export const usePartnerPlanProgress = (fiscalYear: number) =>
  useQuery({
    queryKey: ['reports', 'partner-plans', fiscalYear],
    queryFn: () =>
      json<PartnerPlanProgress>(
        api.GET('/api/reports/partner-plans', { params: { query: { fiscalYear } } }),
      ),
    placeholderData: keepPreviousData,
  });
