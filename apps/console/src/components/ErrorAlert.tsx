import { Alert } from '@mantine/core';
import { ApiError } from '@madoguchi/api-client';
import { useTranslation } from 'react-i18next';

/** The API's own message (it names the problem) or a generic one. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  const message = error instanceof ApiError ? error.message : t('errors.generic');
  return (
    <Alert color="red" role="alert" title={t('errors.generic')}>
      {message}
    </Alert>
  );
}
