import { type operations, type Schemas, unwrap } from '@madoguchi/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { caseKeys } from '../../cases/api/use-cases';
import { organizationKeys } from '../../organizations/api/use-organizations';

export type Session = Schemas['ExpertSessionDto'];
export type Suggestion = Schemas['ExpertSuggestionDto'];
export type Expert = Schemas['ExpertDto'];
type SessionQuery = NonNullable<operations['sessionsList']['parameters']['query']>;

/** A case's sessions sit under the case's key: refreshing the case refreshes them. */
export const sessionKeys = {
  lists: () => ['sessions'] as const,
  list: (query: SessionQuery) => [...sessionKeys.lists(), query] as const,
  ofCase: (caseId: string) => [...caseKeys.detail(caseId), 'sessions'] as const,
  surveys: (caseId: string) => [...caseKeys.detail(caseId), 'surveys'] as const,
  survey: (sessionId: string) => ['session', sessionId, 'survey'] as const,
  suggestions: (caseId: string, date: string) =>
    [...caseKeys.detail(caseId), 'expert-suggestions', date] as const,
  experts: () => ['experts'] as const,
  activeExperts: () => [...sessionKeys.experts(), 'active'] as const,
  myProfile: () => [...sessionKeys.experts(), 'me'] as const,
  deskDay: (deskId: string, date: string) => ['desks', deskId, 'calendar', date] as const,
};

export const useCaseSessions = (caseId: string) =>
  useQuery({
    queryKey: sessionKeys.ofCase(caseId),
    queryFn: () =>
      unwrap(api.GET('/api/cases/{id}/sessions', { params: { path: { id: caseId } } })).then(
        (r) => r.items,
      ),
  });

export const useSuggestions = (caseId: string, date: string, enabled: boolean) =>
  useQuery({
    queryKey: sessionKeys.suggestions(caseId, date),
    queryFn: () =>
      unwrap(
        api.GET('/api/cases/{id}/expert-suggestions', {
          params: { path: { id: caseId }, query: { date } },
        }),
      ),
    enabled,
    // Changing the date keeps the last ranking on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });

/** The active roster, for booking when no ranking is available. */
export const useActiveExperts = (enabled: boolean) =>
  useQuery({
    queryKey: sessionKeys.activeExperts(),
    queryFn: () =>
      unwrap(api.GET('/api/experts', { params: { query: { active: true } } })).then((r) => r.items),
    enabled,
  });

export const useSessions = (query: SessionQuery) =>
  useQuery({
    queryKey: sessionKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/sessions', { params: { query } })).then((r) => r.items),
    placeholderData: keepPreviousData,
  });

export const useMyExpertProfile = () =>
  useQuery({
    queryKey: sessionKeys.myProfile(),
    queryFn: () => unwrap(api.GET('/api/experts/me')),
  });

/** Every session change moves the allowance, the case and its timeline: refresh them all. */
function useSessionMutation<T, R>(run: (vars: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: caseKeys.all() });
      void client.invalidateQueries({ queryKey: sessionKeys.lists() });
      void client.invalidateQueries({ queryKey: caseKeys.lists() });
      void client.invalidateQueries({ queryKey: organizationKeys.all });
    },
  });
}

export const useBook = (caseId: string) =>
  useSessionMutation((body: Schemas['BookSessionDto']) =>
    unwrap(api.POST('/api/cases/{id}/sessions', { params: { path: { id: caseId } }, body })),
  );

export const useComplete = () =>
  useSessionMutation(({ id, body }: { id: string; body: Schemas['CompleteSessionDto'] }) =>
    unwrap(api.POST('/api/sessions/{id}/complete', { params: { path: { id } }, body })),
  );

export const useCancel = () =>
  useSessionMutation(({ id, reason }: { id: string; reason: string }) =>
    unwrap(api.POST('/api/sessions/{id}/cancel', { params: { path: { id } }, body: { reason } })),
  );

export const useNoShow = () =>
  useSessionMutation(({ id, note }: { id: string; note?: string }) =>
    unwrap(api.POST('/api/sessions/{id}/no-show', { params: { path: { id } }, body: { note } })),
  );

export const useGrant = (organizationId: string) =>
  useSessionMutation((reason: string) =>
    unwrap(
      api.POST('/api/organizations/{id}/session-grants', {
        params: { path: { id: organizationId } },
        body: { reason },
      }),
    ),
  );

/** Issues the private feed URL (revoking any earlier one), or revokes it: null afterwards. */
export const useCalendarToken = () =>
  useMutation({
    mutationFn: ({ expertId, action }: { expertId: string; action: 'create' | 'revoke' }) => {
      const params = { params: { path: { id: expertId } } };
      return action === 'create'
        ? unwrap(api.POST('/api/experts/{id}/calendar-token', params))
        : unwrap(api.DELETE('/api/experts/{id}/calendar-token', params)).then(() => null);
    },
  });

/** The desk's hours and closed days around one Tokyo date, for the booking's hours warning. */
export const useDeskDay = (deskId: string, date: string, enabled: boolean) =>
  useQuery({
    queryKey: sessionKeys.deskDay(deskId, date),
    queryFn: () =>
      unwrap(
        api.GET('/api/desks/{id}/calendar', {
          params: { path: { id: deskId }, query: { from: date, to: date } },
        }),
      ),
    enabled,
    staleTime: 10 * 60_000,
  });

export const useReschedule = () =>
  useSessionMutation(({ id, body }: { id: string; body: Schemas['RescheduleSessionDto'] }) =>
    unwrap(api.POST('/api/sessions/{id}/reschedule', { params: { path: { id } }, body })),
  );
