import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format-date';
import type { Session } from './api/use-sessions';

/** The session's start and length, as every session table shows it. */
export function SessionTime({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  return (
    <Text size="sm">
      {formatDateTime(session.scheduledStart, i18n.language)}
      {t('sessions.durationShort', { minutes: session.durationMinutes })}
    </Text>
  );
}

/** How the session is held (online, visit, …) with its place under it when there is one. */
export function SessionModeCell({ session }: { session: Session }) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      {t(`sessions.modes.${session.mode}`)}
      {session.location && (
        <Text size="xs" c="dimmed">
          {session.location}
        </Text>
      )}
    </Table.Td>
  );
}
