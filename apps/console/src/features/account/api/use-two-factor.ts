import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type TotpSetup = Schemas['TotpSetupDto'];

/** A new secret to scan (two-factor sign-in off). */
export const useTotpSetup = () =>
  useMutation({ mutationFn: () => unwrap(api.POST('/api/auth/totp/setup')) });

/** Proves the current device, then a new secret replaces it, off until confirmed. */
export const useTotpReset = () =>
  useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/auth/totp/reset', { body: { code } })),
  });

/** Confirms the scanned secret with a code from it: two-factor sign-in is on. */
export const useTotpEnable = () =>
  useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/auth/totp/enable', { body: { code } })),
  });

export const useTotpDisable = () =>
  useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/auth/totp/disable', { body: { code } })),
  });
