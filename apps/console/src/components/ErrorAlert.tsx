import { Alert } from '@mantine/core';
import { ApiError } from '@madoguchi/api-client';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../lib/field-errors';

/** The API's answer worded from its code in the user's language, or a network failure. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  // Anything but an API answer is a request that never got one: say so, not "an error".
  const message = error instanceof ApiError ? apiErrorMessage(error) : t('errors.network');
  return (
    <Alert color="red" role="alert" title={t('errors.generic')}>
      {message}
    </Alert>
  );
}
