import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A screen still loading: announced as a status in the user's language, not as a bare label. */
export function PageLoader({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" h={fullScreen ? '100vh' : undefined}>
      <Loader role="status" aria-label={t('a11y.loading')} />
    </Center>
  );
}
