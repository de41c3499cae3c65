import { Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../lib/use-now';
import type { SessionSurvey } from './api/use-session-surveys';
import type { Session } from './api/use-sessions';
import { SessionModeCell, SessionTime } from './SessionCells';
import { SessionStatusBadge } from './SessionStatusBadge';
import { SessionSurveyResult } from './SessionSurveyResult';

/** What a row's buttons open; the panel holds the one open dialog. */
export type SessionAction = 'report' | 'noShow' | 'reschedule' | 'cancel';

/** The case's sessions, each with the actions its state allows and its survey under it. */
export function CaseSessionTable({
  items,
  surveys,
  canBook,
  onAction,
}: {
  items: Session[];
  /** The case's surveys; null while they load, when no survey row is shown yet. */
  surveys: SessionSurvey[] | null;
  canBook: boolean;
  onAction: (action: SessionAction, session: Session) => void;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const surveyOf = new Map((surveys ?? []).map((v) => [v.sessionId, v]));
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-labelledby="sessions-title" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sessions.when')}</Table.Th>
            <Table.Th>{t('sessions.kind')}</Table.Th>
            <Table.Th>{t('sessions.expert')}</Table.Th>
            <Table.Th>{t('sessions.mode')}</Table.Th>
            <Table.Th>{t('sessions.status')}</Table.Th>
            <Table.Th>{t('sessions.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => [
            <Table.Tr key={s.id} data-testid="session-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <SessionTime session={s} />
              </Table.Td>
              <Table.Td>{t(`sessions.kinds.${s.kind}`)}</Table.Td>
              <Table.Td>{s.expertName}</Table.Td>
              <SessionModeCell session={s} />
              <Table.Td>
                <SessionStatusBadge status={s.status} />
              </Table.Td>
              <Table.Td>
                <SessionActions session={s} now={now} canBook={canBook} onAction={onAction} />
              </Table.Td>
            </Table.Tr>,
            // The contact's satisfaction survey, under the completed session it is about.
            s.status === 'completed' && surveys !== null && (
              <Table.Tr key={`${s.id}-survey`}>
                <Table.Td colSpan={6} pt={0}>
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {t('surveys.title')}
                    </Text>
                    <SessionSurveyResult survey={surveyOf.get(s.id)} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ),
          ])}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * A scheduled session's buttons (a report once it has begun; no-show once begun, reschedule
 * before, cancel any time for booking staff), or a closed one's findings or cancel reason.
 */
function SessionActions({
  session: s,
  now,
  canBook,
  onAction,
}: {
  session: Session;
  now: number;
  canBook: boolean;
  onAction: (action: SessionAction, session: Session) => void;
}) {
  const { t } = useTranslation();
  const started = Date.parse(s.scheduledStart) <= now;
  const button = (action: SessionAction, label: string, variant?: 'default') => (
    <Button size="compact-xs" variant={variant} onClick={() => onAction(action, s)}>
      {label}
    </Button>
  );
  return (
    <>
      {s.status === 'scheduled' && (
        <Group gap={4} wrap="nowrap">
          {started && button('report', t('sessions.report'))}
          {canBook && started && button('noShow', t('sessions.noShow'), 'default')}
          {canBook && !started && button('reschedule', t('sessions.reschedule'), 'default')}
          {canBook && button('cancel', t('sessions.cancel'), 'default')}
        </Group>
      )}
      {s.status === 'completed' && s.findings && (
        <Text size="xs" lineClamp={2}>
          {s.findings}
        </Text>
      )}
      {s.status === 'cancelled' && s.cancelReason && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {s.cancelReason}
        </Text>
      )}
    </>
  );
}
