import { ApiError, createApiClient } from '@madoguchi/api-client';

let csrfToken: string | null = null;
let onSessionEnded: ((reason: 'expired' | 'signed_out') => void) | null = null;

/** The CSRF token of the current session, sent on every state-changing request. */
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

export const setSessionEndedHandler = (handler: typeof onSessionEnded): void => {
  onSessionEnded = handler;
};

export const api = createApiClient({ csrfToken: () => csrfToken });

// A session that ends while the console is open (idle timeout, disabled user) sends the user
// back to sign-in with an explanation, instead of leaving every screen failing.
api.use({
  async onResponse({ response }) {
    if (response.status === 401 && !response.url.endsWith('/api/auth/login')) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { code?: string } | null;
      onSessionEnded?.(body?.code === 'SESSION_EXPIRED' ? 'expired' : 'signed_out');
    }
    return response;
  },
});

export { ApiError };
