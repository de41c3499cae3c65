import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  scheduled: 'blue.9',
  completed: 'teal.9',
  cancelled: 'gray.7',
  no_show: 'red.9',
};

export function SessionStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="outline"
      color={COLORS[status] ?? 'gray.8'}
      styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
    >
      {t(`sessions.statuses.${status}`)}
    </Badge>
  );
}
