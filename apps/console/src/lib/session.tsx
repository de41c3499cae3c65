import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { api, setCsrfToken, setSessionEndedHandler } from './api-client';

export type SessionUser = Schemas['UserDto'];
type SessionInfo = Schemas['SessionDto'];

interface SessionContextValue {
  user: SessionUser | null;
  loading: boolean;
  /** The role requires two-factor sign-in and this person has not set it up yet. */
  totpRequired: boolean;
  /** Why the user was sent to sign-in, if they did not sign out themselves. */
  endedReason: 'expired' | null;
  signedIn: (session: SessionInfo) => void;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [endedReason, setEndedReason] = useState<'expired' | null>(null);
  const me = useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/auth/me');
      if (response.status === 401 && error?.code === 'SESSION_EXPIRED') {
        setEndedReason('expired');
      }
      return response.ok && data ? data : null;
    },
    staleTime: Infinity,
    retry: false,
  });

  useEffect(() => {
    setCsrfToken(me.data?.csrfToken ?? null);
  }, [me.data]);

  useEffect(() => {
    setSessionEndedHandler((reason) => {
      if (queryClient.getQueryData(['session'])) {
        setEndedReason(reason === 'expired' ? 'expired' : null);
        queryClient.setQueryData(['session'], null);
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      }
    });
    return () => setSessionEndedHandler(null);
  }, [queryClient]);

  const signedIn = useCallback(
    (session: SessionInfo) => {
      setCsrfToken(session.csrfToken);
      setEndedReason(null);
      queryClient.setQueryData(['session'], session);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    await unwrap(api.POST('/api/auth/logout')).catch(() => undefined);
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(['session'], null);
  }, [queryClient]);

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ['session'] });
  }, [queryClient]);

  const value = useMemo<SessionContextValue>(
    () => ({
      user: me.data?.user ?? null,
      loading: me.isPending,
      totpRequired: me.data?.totpRequired ?? false,
      endedReason,
      signedIn,
      signOut,
      refresh,
    }),
    [me.data, me.isPending, endedReason, signedIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession outside SessionProvider');
  }
  return value;
}
