import { Alert } from '@mantine/core';
import { ApiError } from '@madoguchi/api-client';
import { useTranslation } from 'react-i18next';

/** The API's own message (it names the problem) or a generic one. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  // Anything but an API answer is a request that never got one: say so, not "an error".
  const message = error instanceof ApiError ? error.message : t('errors.network');
  return (
    <Alert color="red" role="alert" title={t('errors.generic')}>
      {message}
    </Alert>
  );
}
