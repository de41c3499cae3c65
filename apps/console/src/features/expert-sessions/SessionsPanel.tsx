import { type Schemas } from '@madoguchi/api-client';
import { Button, Card, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../lib/session';
import { useCaseSurveys } from './api/use-session-surveys';
import { type Session, useCaseSessions } from './api/use-sessions';
import { BookSessionModal } from './BookSessionModal';
import { CaseSessionTable, type SessionAction } from './CaseSessionTable';
import { CancelModal, NoShowModal } from './CloseSessionModals';
import { GrantModal } from './GrantModal';
import { ReportModal } from './ReportModal';
import { RescheduleModal } from './RescheduleModal';
import { AllowanceBadge, SessionGrantList } from './SessionAllowance';

type Organization = Schemas['OrganizationDto'];

/**
 * Expert sessions on the case page: the organization's free-session allowance ("2 / 3"), the
 * case's sessions with their actions, booking with ranked suggestions, and a manager's grant.
 */
export function SessionsPanel({
  caseId,
  deskId,
  organization,
  startBooking = false,
}: {
  caseId: string;
  /** The case's desk: bookings are checked against its hours and closed days. */
  deskId: string;
  organization: Organization;
  /** Open the booking dialog at once (the page was opened to book a session). */
  startBooking?: boolean;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const sessions = useCaseSessions(caseId);
  const surveys = useCaseSurveys(caseId);
  const canBook = user?.role === 'operator' || user?.role === 'desk_staff';
  const [booking, setBooking] = useState(startBooking && canBook);
  const [granting, setGranting] = useState(false);
  // A row's action and its session: at most one such dialog is open.
  const [acting, setActing] = useState<{ action: SessionAction; session: Session } | null>(null);
  const items = sessions.data ?? [];
  const allowanceLimit = organization.sessionAllowance.limit;
  const close = () => setActing(null);

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
          <AllowanceBadge organization={organization} />
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
      <SessionGrantList organization={organization} />
      {sessions.isPending ? null : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sessions.none')}
        </Text>
      ) : (
        <CaseSessionTable
          items={items}
          surveys={surveys.isPending ? null : (surveys.data ?? [])}
          canBook={canBook}
          onAction={(action, session) => setActing({ action, session })}
        />
      )}
      <ErrorAlert error={sessions.error} />
      {/* Each dialog is mounted only while open, so it starts from a clean form. */}
      {booking && (
        <BookSessionModal
          onClose={() => setBooking(false)}
          caseId={caseId}
          deskId={deskId}
          allowanceLimit={allowanceLimit}
          teleworkStatus={organization.teleworkStatus}
        />
      )}
      {acting?.action === 'reschedule' && (
        <RescheduleModal
          session={acting.session}
          deskId={deskId}
          allowanceLimit={allowanceLimit}
          onClose={close}
        />
      )}
      {acting?.action === 'report' && <ReportModal session={acting.session} onClose={close} />}
      {acting?.action === 'cancel' && <CancelModal session={acting.session} onClose={close} />}
      {acting?.action === 'noShow' && <NoShowModal session={acting.session} onClose={close} />}
      {granting && (
        <GrantModal organizationId={organization.id} onClose={() => setGranting(false)} />
      )}
    </Card>
  );
}
