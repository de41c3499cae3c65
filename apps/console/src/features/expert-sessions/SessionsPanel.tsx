import { type Schemas } from '@madoguchi/api-client';
import {
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format-date';
import { fieldErrors } from '../../lib/field-errors';
import { useNow } from '../../lib/use-now';
import { type Session, useCancel, useCaseSessions, useGrant, useNoShow } from './api/use-sessions';
import { useCaseSurveys } from './api/use-session-surveys';
import { BookSessionModal } from './BookSessionModal';
import { ReportModal } from './ReportModal';
import { RescheduleModal } from './RescheduleModal';
import { toastDone } from '../../lib/toast';
import { ClosingErrorAlert } from './SessionRefusal';
import { SessionStatusBadge } from './SessionStatusBadge';
import { SessionSurveyResult } from './SessionSurveyResult';
import { ConsoleForm } from '../../components/ConsoleForm';

type Organization = Schemas['OrganizationDto'];

/**
 * Expert sessions on the case page: the organization's free-session allowance ("2 / 3"), the
 * case's sessions with their actions, booking with ranked suggestions, and a manager's grant.
 */
export function SessionsPanel({
  caseId,
  deskId,
  organization,
}: {
  caseId: string;
  /** The case's desk: bookings are checked against its hours and closed days. */
  deskId: string;
  organization: Organization;
}) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const sessions = useCaseSessions(caseId);
  const surveys = useCaseSurveys(caseId);
  const surveyOf = new Map((surveys.data ?? []).map((v) => [v.sessionId, v]));
  const [booking, setBooking] = useState(false);
  const [reporting, setReporting] = useState<Session | null>(null);
  const [cancelling, setCancelling] = useState<Session | null>(null);
  const [granting, setGranting] = useState(false);
  const [markingNoShow, setMarkingNoShow] = useState<Session | null>(null);
  const [rescheduling, setRescheduling] = useState<Session | null>(null);
  const allowance = organization.sessionAllowance;
  // Grants of another fiscal year do not raise this year's limit.
  const grants = organization.sessionGrants.filter(
    (g) => allowance.fiscalYear === null || g.fiscalYear === allowance.fiscalYear,
  );
  const canBook = user?.role === 'operator' || user?.role === 'desk_staff';
  const now = useNow();
  const started = (s: Session) => Date.parse(s.scheduledStart) <= now;
  const items = sessions.data ?? [];

  return (
    <Card
      withBorder
      data-testid="sessions-panel"
      component="section"
      aria-labelledby="sessions-title"
    >
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="sessions-title">
          {t('sessions.title')}
        </Title>
        <Group gap="xs">
          <Badge
            size="lg"
            variant={allowance.remaining === 0 ? 'filled' : 'outline'}
            color={allowance.remaining === 0 ? 'red.9' : 'blue.9'}
            data-testid="allowance"
            styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
          >
            {t('sessions.allowance', { used: allowance.used, limit: allowance.limit })}
            {grants.length > 0 && t('sessions.allowanceGrants', { count: grants.length })}
          </Badge>
          {user?.role === 'manager' && (
            <Button size="xs" variant="default" onClick={() => setGranting(true)}>
              {t('sessions.grant')}
            </Button>
          )}
          {canBook && (
            <Button size="xs" onClick={() => setBooking(true)}>
              {t('sessions.book')}
            </Button>
          )}
        </Group>
      </Group>
      {organization.sessionGrants.length > 0 && (
        <Stack gap={2} mb="sm" data-testid="session-grants">
          <Text size="sm" fw={600}>
            {t('sessions.grants')}
          </Text>
          <List size="sm" spacing={2}>
            {organization.sessionGrants.map((g) => (
              <List.Item key={g.id}>
                {g.reason}
                <Text span size="xs" c="dimmed">
                  {' — '}
                  {t('sessions.grantedBy', {
                    name: g.grantedByName,
                    at: formatDateTime(g.createdAt, i18n.language),
                    fiscalYear: g.fiscalYear,
                  })}
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {sessions.isPending ? null : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sessions.none')}
        </Text>
      ) : (
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
                  <Table.Td>
                    {t(`sessions.modes.${s.mode}`)}
                    {s.location && (
                      <Text size="xs" c="dimmed">
                        {s.location}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <SessionStatusBadge status={s.status} />
                  </Table.Td>
                  <Table.Td>
                    {s.status === 'scheduled' && (
                      <Group gap={4} wrap="nowrap">
                        {started(s) && (
                          <Button size="compact-xs" onClick={() => setReporting(s)}>
                            {t('sessions.report')}
                          </Button>
                        )}
                        {canBook && started(s) && (
                          <Button
                            size="compact-xs"
                            variant="default"
                            onClick={() => setMarkingNoShow(s)}
                          >
                            {t('sessions.noShow')}
                          </Button>
                        )}
                        {canBook && !started(s) && (
                          <Button
                            size="compact-xs"
                            variant="default"
                            onClick={() => setRescheduling(s)}
                          >
                            {t('sessions.reschedule')}
                          </Button>
                        )}
                        {canBook && (
                          <Button
                            size="compact-xs"
                            variant="default"
                            onClick={() => setCancelling(s)}
                          >
                            {t('sessions.cancel')}
                          </Button>
                        )}
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
                  </Table.Td>
                </Table.Tr>,
                // The contact's satisfaction survey, under the completed session it is about.
                s.status === 'completed' && !surveys.isPending && (
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
      )}
      <ErrorAlert error={sessions.error} />
      {/* Each dialog is mounted only while open, so it starts from a clean form. */}
      {booking && (
        <BookSessionModal
          onClose={() => setBooking(false)}
          caseId={caseId}
          deskId={deskId}
          allowanceLimit={allowance.limit}
          teleworkStatus={organization.teleworkStatus}
        />
      )}
      {rescheduling && (
        <RescheduleModal
          session={rescheduling}
          deskId={deskId}
          allowanceLimit={allowance.limit}
          onClose={() => setRescheduling(null)}
        />
      )}
      {reporting && <ReportModal session={reporting} onClose={() => setReporting(null)} />}
      {cancelling && <CancelModal session={cancelling} onClose={() => setCancelling(null)} />}
      {markingNoShow && (
        <NoShowModal session={markingNoShow} onClose={() => setMarkingNoShow(null)} />
      )}
      {granting && (
        <GrantModal organizationId={organization.id} onClose={() => setGranting(false)} />
      )}
    </Card>
  );
}

export function SessionTime({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  return (
    <Text size="sm">
      {formatDateTime(session.scheduledStart, i18n.language)}
      {t('sessions.durationShort', { minutes: session.durationMinutes })}
    </Text>
  );
}

function CancelModal({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const cancel = useCancel();
  const [reason, setReason] = useState('');
  const errors = fieldErrors(cancel.error);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('sessions.cancelTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component={ConsoleForm}
        onSubmit={(e) => {
          e.preventDefault();
          cancel.mutate(
            { id: session.id, reason },
            { onSuccess: () => (toastDone(t('sessions.cancelled')), onClose()) },
          );
        }}
      >
        <Text size="sm">
          {formatDateTime(session.scheduledStart, i18n.language)} · {session.expertName}
        </Text>
        <Text size="sm">{t('sessions.cancelHint')}</Text>
        <Textarea
          label={t('sessions.cancelReason')}
          required
          data-autofocus
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason && t('sessions.errors.reasonRequired')}
        />
        {cancel.error && !errors.reason && <ClosingErrorAlert error={cancel.error} />}
        <Button type="submit" color="red.9" loading={cancel.isPending}>
          {t('sessions.confirmCancel')}
        </Button>
      </Stack>
    </Modal>
  );
}

/** The organization did not show up: the session still counts toward the allowance. */
function NoShowModal({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const noShow = useNoShow();
  const [note, setNote] = useState('');
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('sessions.noShowTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component={ConsoleForm}
        onSubmit={(e) => {
          e.preventDefault();
          noShow.mutate(
            { id: session.id, note: note.trim() || undefined },
            { onSuccess: () => (toastDone(t('sessions.noShowRecorded')), onClose()) },
          );
        }}
      >
        <Text size="sm">
          {formatDateTime(session.scheduledStart, i18n.language)} · {session.expertName}
        </Text>
        <Text size="sm">{t('sessions.noShowHint')}</Text>
        <Textarea
          label={t('sessions.noShowNote')}
          data-autofocus
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <ClosingErrorAlert error={noShow.error} />
        <Button type="submit" color="red.9" loading={noShow.isPending}>
          {t('sessions.confirmNoShow')}
        </Button>
      </Stack>
    </Modal>
  );
}

/** A manager's exception to the program limit: one more free session, with the reason on record. */
function GrantModal({ organizationId, onClose }: { organizationId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const grant = useGrant(organizationId);
  const [reason, setReason] = useState('');
  const errors = fieldErrors(grant.error);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('sessions.grant')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component={ConsoleForm}
        onSubmit={(e) => {
          e.preventDefault();
          grant.mutate(reason, { onSuccess: () => (toastDone(t('sessions.granted')), onClose()) });
        }}
      >
        <Text size="sm">{t('sessions.grantHint')}</Text>
        <Textarea
          label={t('sessions.grantReason')}
          required
          autosize
          minRows={3}
          data-autofocus
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason && t('sessions.errors.reasonRequired')}
        />
        {grant.error && !errors.reason && <ClosingErrorAlert error={grant.error} />}
        <Button type="submit" loading={grant.isPending}>
          {t('sessions.confirmGrant')}
        </Button>
      </Stack>
    </Modal>
  );
}
