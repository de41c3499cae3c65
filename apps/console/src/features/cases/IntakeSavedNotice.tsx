import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SavedState } from './use-intake-save';

/** After "save and new": the case just saved, with a link back to it. */
export function IntakeSavedNotice({ saved }: { saved: NonNullable<SavedState['saved']> }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" role="status" py="xs" data-testid="saved-notice">
      <Text size="sm">
        {t('cases.savedNotice', { number: saved.number })}{' '}
        <Anchor component={Link} to={`/cases/${saved.id}`} size="sm">
          {t('cases.openSaved')}
        </Anchor>
      </Text>
    </Alert>
  );
}
