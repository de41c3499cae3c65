import { Anchor, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Session } from './api/use-sessions';
import { SessionModeCell, SessionTime } from './SessionCells';
import { SessionStatusBadge } from './SessionStatusBadge';
import { SessionSurveyOf } from './SessionSurveyResult';

/** A session that has begun and waits for the expert's report. */
export const isAwaitingReport = (s: Session, now: number) =>
  s.status === 'scheduled' && Date.parse(s.scheduledStart) <= now;

/** Sessions as a table; `onReport` (the expert's own list) adds the report button. */
export function SessionTable({
  title,
  items,
  now,
  onReport,
}: {
  title: string;
  items: Session[];
  now: number;
  onReport?: (s: Session) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={3} size="h4">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('sessions.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sessions.when')}</Table.Th>
                <Table.Th>{t('sessions.case')}</Table.Th>
                <Table.Th>{t('sessions.kind')}</Table.Th>
                <Table.Th>{t('sessions.mode')}</Table.Th>
                <Table.Th>{t('sessions.status')}</Table.Th>
                <Table.Th>{t('sessions.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id} data-testid="my-session">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <SessionTime session={s} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${s.caseId}`} size="sm">
                      {s.organizationName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {s.caseNumber}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`sessions.kinds.${s.kind}`)}</Table.Td>
                  <SessionModeCell session={s} />
                  <Table.Td>
                    <SessionStatusBadge status={s.status} />
                  </Table.Td>
                  <Table.Td>
                    {onReport && isAwaitingReport(s, now) && (
                      <Button size="compact-xs" onClick={() => onReport(s)}>
                        {t('sessions.report')}
                      </Button>
                    )}
                    {s.status === 'completed' && <SessionSurveyOf sessionId={s.id} />}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
