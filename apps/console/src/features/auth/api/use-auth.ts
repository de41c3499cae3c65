import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type LoginBody = Schemas['LoginDto'];
export type LoginSession = Awaited<ReturnType<typeof login>>;

const login = (body: LoginBody) => unwrap(api.POST('/api/auth/login', { body }));

/** Signing in; what follows (the session, the next screen) is the caller's. */
export const useLogin = (
  options: {
    onSuccess?: (session: LoginSession) => void;
    onError?: (error: Error) => void;
  } = {},
) => useMutation({ mutationFn: login, ...options });

export const useChangePassword = (options: { onSuccess?: () => Promise<void> } = {}) =>
  useMutation({
    mutationFn: (body: Schemas['ChangePasswordDto']) =>
      unwrap(api.POST('/api/auth/password', { body })),
    ...options,
  });
