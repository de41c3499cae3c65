import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';
import { sessionKeys } from './use-sessions';

export type SessionSurvey = Schemas['SessionSurveyDto'];

/** The surveys of a case's sessions (an expert gets those of their own sessions only). */
export const useCaseSurveys = (caseId: string) =>
  useQuery({
    queryKey: sessionKeys.surveys(caseId),
    queryFn: () =>
      unwrap(api.GET('/api/cases/{id}/surveys', { params: { path: { id: caseId } } })).then(
        (r) => r.items,
      ),
  });

/** One session's survey; null when none was sent (404). */
export const useSessionSurvey = (sessionId: string, enabled: boolean) =>
  useQuery({
    queryKey: sessionKeys.survey(sessionId),
    queryFn: () =>
      unwrap(api.GET('/api/sessions/{id}/survey', { params: { path: { id: sessionId } } })).catch(
        (error: unknown) => {
          if (error instanceof ApiError && error.status === 404) {
            return null;
          }
          throw error;
        },
      ),
    enabled,
  });
