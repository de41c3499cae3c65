import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../lib/api-client';
import { useSession } from '../../lib/session';
import { apiErrorMessage, fieldErrors } from '../../lib/field-errors';
import { useLogin } from './api/use-auth';

export function LoginPage() {
  const { t } = useTranslation();
  const { user, signedIn, endedReason } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);

  const login = useLogin({
    onSuccess: (session) => {
      signedIn(session);
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(from && from !== '/login' ? from : '/', { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.body.code === 'TOTP_REQUIRED') {
        setNeedsTotp(true);
      }
    },
  });

  if (user) {
    return <Navigate to="/" replace />;
  }
  const errors = fieldErrors(login.error);
  const formError =
    login.error instanceof ApiError &&
    login.error.body.code !== 'TOTP_REQUIRED' &&
    !login.error.body.details
      ? apiErrorMessage(login.error)
      : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password, ...(needsTotp ? { totpCode } : {}) });
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w={380} component="form" onSubmit={submit} noValidate>
        <Stack>
          <div>
            <Title order={1} size="h2">
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('app.subtitle')} — {t('login.title')}
            </Text>
          </div>
          {endedReason === 'expired' && (
            <Alert color="yellow" role="status">
              {t('login.expired')}
            </Alert>
          )}
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          {needsTotp && (
            <TextInput
              label={t('login.totp')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              autoFocus
              value={totpCode}
              onChange={(e) => setTotpCode(e.currentTarget.value)}
              error={errors.totpCode}
            />
          )}
          <Button type="submit" loading={login.isPending}>
            {t('login.submit')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('login.demoHint')}
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
