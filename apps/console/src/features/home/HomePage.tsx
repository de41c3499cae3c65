import { Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { formatDateTime } from '../../lib/format-date';
import { MyWork } from './MyWork';

/** `status` is the service status card, which the route brings from its own feature. */
export function HomePage({ status }: { status: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Stack>
      <Title order={2}>{t('home.welcome', { name: user?.displayName ?? '' })}</Title>
      <Text>{t('home.intro')}</Text>
      <Text size="sm" c="dimmed">
        {t('home.now')}:{' '}
        <time dateTime={now.toISOString()}>{formatDateTime(now, i18n.language)}</time>
      </Text>
      {/* Experts work from their own schedule (the sessions page). */}
      {user && user.role !== 'expert' && <MyWork />}
      {status}
    </Stack>
  );
}
