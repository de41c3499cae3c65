import { type Schemas } from '@madoguchi/api-client';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Dark shades: outline text on white must reach 4.5:1.
const COLORS: Record<Schemas['SessionStatus'], string> = {
  scheduled: 'blue.9',
  completed: 'teal.9',
  cancelled: 'gray.7',
  no_show: 'red.9',
};

export function SessionStatusBadge({ status }: { status: Schemas['SessionStatus'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="outline"
      color={COLORS[status]}
      styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
    >
      {t(`sessions.statuses.${status}`)}
    </Badge>
  );
}
