import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { closingRefusal, type RefusalMessage } from './session-errors';

/** Words a refusal: the console's own message, or the API's when the console has none. */
export function useRefusalText(): (message: RefusalMessage | undefined) => string | undefined {
  const { t } = useTranslation();
  return (message) => {
    if (!message) {
      return undefined;
    }
    return 'text' in message ? message.text : t(`sessions.errors.${message.key}`, message.values);
  };
}

/** A refused report, cancellation or no-show, said plainly; other failures as usual. */
export function ClosingErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const say = useRefusalText();
  const refusal = closingRefusal(error);
  if (!refusal) {
    return <ErrorAlert error={error} />;
  }
  return (
    <Alert color="red" role="alert" title={t('sessions.errors.refusedTitle')}>
      {say(refusal)}
    </Alert>
  );
}
