import { Anchor, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('errors.notFound')}</Title>
      <Anchor component={Link} to="/">
        {t('errors.back')}
      </Anchor>
    </Stack>
  );
}
