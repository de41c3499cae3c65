import { Alert, Button, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../lib/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { useChangePassword } from './api/use-auth';

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { user, refresh } = useSession();
  const navigate = useNavigate();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNext] = useState('');
  const change = useChangePassword({
    onSuccess: async () => {
      await refresh();
      void navigate('/', { replace: true });
    },
  });
  const errors = fieldErrors(change.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ currentPassword, newPassword });
  };

  return (
    <Paper withBorder p="lg" maw={440} component="form" onSubmit={submit} noValidate>
      <Stack>
        <Title order={2}>{t('password.title')}</Title>
        {user?.mustChangePassword && (
          <Alert color="yellow" role="status">
            {t('password.required')}
          </Alert>
        )}
        {change.error && Object.keys(errors).length === 0 && <ErrorAlert error={change.error} />}
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={errors.currentPassword}
        />
        <PasswordInput
          label={t('password.next')}
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNext(e.currentTarget.value)}
          error={errors.newPassword}
        />
        <Button type="submit" loading={change.isPending}>
          {t('password.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}
