import { type operations, type Schemas, unwrap } from '@madoguchi/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type EventItem = Schemas['EventDto'];
export type Registration = Schemas['RegistrationDto'];
export type EventFields = Schemas['CreateOutreachEventDto'];
export type EventQuery = NonNullable<operations['eventsList']['parameters']['query']>;
export type FunnelQuery = NonNullable<operations['reportsEventsFunnel']['parameters']['query']>;
export type ImportResult = Schemas['AttendeeImportResultDto'];
export type AttendeeMapping = Schemas['AttendeeMappingDto'];

export const eventKeys = {
  all: ['events'] as const,
  list: (query: EventQuery) => ['events', 'list', query] as const,
  detail: (id: string) => ['events', 'detail', id] as const,
  registrations: (id: string) => ['events', 'registrations', id] as const,
  funnel: (query: FunnelQuery) => ['reports', 'events-funnel', query] as const,
};

export const useEvents = (query: EventQuery) =>
  useQuery({
    queryKey: eventKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/events', { params: { query } })).then((r) => r.items),
    placeholderData: keepPreviousData,
  });

export const useEvent = (id: string) =>
  useQuery({
    queryKey: eventKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/events/{id}', { params: { path: { id } } })),
  });

export const useRegistrations = (id: string) =>
  useQuery({
    queryKey: eventKeys.registrations(id),
    queryFn: () =>
      unwrap(api.GET('/api/events/{id}/registrations', { params: { path: { id } } })).then(
        (r) => r.items,
      ),
  });

export function useCreateEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EventFields) => unwrap(api.POST('/api/events', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: eventKeys.all }),
  });
}

/** Publishing (and unpublishing) the public registration page; the version guards the change. */
export function usePublishEvent(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ published, version }: { published: boolean; version: number }) =>
      unwrap(
        api.PATCH('/api/events/{id}', {
          params: { path: { id } },
          body: { published, version },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: eventKeys.all }),
  });
}

export function useMarkAttendance(eventId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      registrationId,
      attendance,
    }: {
      registrationId: string;
      attendance: 'attended' | 'no_show' | null;
    }) =>
      unwrap(
        api.POST('/api/events/{id}/registrations/{registrationId}/attendance', {
          params: { path: { id: eventId, registrationId } },
          body: { attendance },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: eventKeys.all }),
  });
}

export function useOpenCase(eventId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (registrationId: string) =>
      unwrap(
        api.POST('/api/events/{id}/registrations/{registrationId}/case', {
          params: { path: { id: eventId, registrationId } },
          body: {},
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: eventKeys.all }),
  });
}

export function useImportAttendees(eventId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ dryRun, body }: { dryRun: boolean; body: Schemas['ImportAttendeesDto'] }) =>
      unwrap(
        api.POST('/api/events/{id}/imports', {
          params: { path: { id: eventId }, query: { dryRun } },
          body,
        }),
      ),
    onSuccess: (result) => {
      if (!result.dryRun) {
        void client.invalidateQueries({ queryKey: eventKeys.all });
      }
    },
  });
}

export const useEventsFunnel = (query: FunnelQuery, enabled: boolean) =>
  useQuery({
    queryKey: eventKeys.funnel(query),
    queryFn: () => unwrap(api.GET('/api/reports/events-funnel', { params: { query } })),
    enabled,
    placeholderData: keepPreviousData,
  });
