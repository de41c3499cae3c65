import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A case that does not exist, or is not the user's to see: said at once, with a way on. */
export function CaseNotFound() {
  const { t } = useTranslation();
  return (
    <Stack maw={640} py="xl" data-testid="case-not-found">
      <Title order={2}>{t('cases.notFoundTitle')}</Title>
      <Text>{t('cases.notFoundBody')}</Text>
      <Anchor component={Link} to="/cases">
        {t('cases.backToList')}
      </Anchor>
    </Stack>
  );
}
