import { ApiError, type Schemas } from '@madoguchi/api-client';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import {
  type Session,
  useBook,
  useCancel,
  useCaseSessions,
  useGrant,
  useNoShow,
  useSuggestions,
} from './api/use-sessions';
import { ReportModal } from './ReportModal';
import { SessionStatusBadge } from './SessionStatusBadge';

type Organization = Schemas['OrganizationDto'];
const KINDS = ['assessment', 'preparation', 'follow_up'] as const;

const tomorrowInTokyo = (): string => {
  const d = new Date(Date.now() + 9 * 3600_000 + 24 * 3600_000);
  return d.toISOString().slice(0, 10);
};

/**
 * Expert sessions on the case page: the organization's free-session allowance ("2 / 3"), the
 * case's sessions with their actions, booking with ranked suggestions, and a manager's grant.
 */
export function SessionsPanel({
  caseId,
  organization,
}: {
  caseId: string;
  organization: Organization;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const sessions = useCaseSessions(caseId);
  const [booking, setBooking] = useState(false);
  const [reporting, setReporting] = useState<Session | null>(null);
  const [cancelling, setCancelling] = useState<Session | null>(null);
  const [granting, setGranting] = useState(false);
  const noShow = useNoShow();
  const allowance = organization.sessionAllowance;
  const canBook = user?.role === 'operator' || user?.role === 'desk_staff';
  const started = (s: Session) => Date.parse(s.scheduledStart) <= Date.now();

  return (
    <Card withBorder data-testid="sessions-panel">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
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
      {(organization.sessionGrants ?? []).length > 0 && (
        <Text size="xs" c="dimmed" mb="xs">
          {t('sessions.grants')}:{' '}
          {organization.sessionGrants.map((g) => `${g.reason}(${g.grantedByName})`).join(' / ')}
        </Text>
      )}
      {(sessions.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sessions.none')}
        </Text>
      ) : (
        <Table aria-label={t('sessions.title')}>
          <Table.Tbody>
            {(sessions.data ?? []).map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <SessionTime session={s} />
                </Table.Td>
                <Table.Td>{t(`sessions.kinds.${s.kind}`)}</Table.Td>
                <Table.Td>{s.expertName}</Table.Td>
                <Table.Td>{t(`sessions.modes.${s.mode}`)}</Table.Td>
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
                          onClick={() => noShow.mutate(s.id)}
                        >
                          {t('sessions.noShow')}
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
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ErrorAlert error={noShow.error} />
      {/* Mounted only while open, so each booking starts from a clean form. */}
      {booking && (
        <BookModal
          opened
          onClose={() => setBooking(false)}
          caseId={caseId}
          limit={allowance.limit}
          teleworkStarted={organization.teleworkStatus !== 'not_started'}
        />
      )}
      <ReportModal session={reporting} onClose={() => setReporting(null)} />
      <CancelModal session={cancelling} onClose={() => setCancelling(null)} />
      <GrantModal
        opened={granting}
        organizationId={organization.id}
        onClose={() => setGranting(false)}
      />
    </Card>
  );
}

export function SessionTime({ session }: { session: Session }) {
  const { i18n } = useTranslation();
  return (
    <Text size="sm">
      {formatDateTime(session.scheduledStart, i18n.language)}（{session.durationMinutes}分）
    </Text>
  );
}

function BookModal({
  opened,
  onClose,
  caseId,
  limit,
  teleworkStarted,
}: {
  opened: boolean;
  onClose: () => void;
  caseId: string;
  limit: number;
  teleworkStarted: boolean;
}) {
  const { t } = useTranslation();
  const book = useBook(caseId);
  const [date, setDate] = useState(tomorrowInTokyo());
  const [time, setTime] = useState('10:00');
  const [expertId, setExpertId] = useState<string | null>(null);
  const [kind, setKind] = useState<(typeof KINDS)[number] | null>(null);
  const [duration, setDuration] = useState<number | string>(90);
  const [mode, setMode] = useState<'onsite' | 'online'>('online');
  const [location, setLocation] = useState('');
  const [override, setOverride] = useState('');
  const suggestions = useSuggestions(caseId, date, opened && /^\d{4}-\d{2}-\d{2}$/.test(date));
  const errors = fieldErrors(book.error);
  const code = book.error instanceof ApiError ? book.error.body.code : null;
  const kindRefused = 'kind' in errors || 'kindOverrideReason' in errors;
  // The suggestion follows the sessions so far; a follow-up before telework is introduced
  // would be refused, so preparation is offered instead (the user can still choose).
  const suggested = suggestions.data?.suggestedKind ?? 'assessment';
  const chosenKind =
    kind ?? (suggested === 'follow_up' && !teleworkStarted ? 'preparation' : suggested);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('sessions.book')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          book.mutate(
            {
              expertId: expertId ?? '',
              kind: chosenKind,
              scheduledStart: `${date}T${time}:00+09:00`,
              durationMinutes: Number(duration),
              mode,
              location: location || undefined,
              kindOverrideReason: override || undefined,
            },
            { onSuccess: onClose },
          );
        }}
      >
        {code === 'SESSION_LIMIT_REACHED' && (
          <Alert color="red" title={t('sessions.errors.limitTitle')} data-testid="session-refused">
            {t('sessions.errors.limit', { limit })}
          </Alert>
        )}
        {code === 'EXPERT_DOUBLE_BOOKED' && (
          <Alert
            color="red"
            title={t('sessions.errors.doubleBookedTitle')}
            data-testid="session-refused"
          >
            {t('sessions.errors.doubleBooked')}
          </Alert>
        )}
        <SimpleGrid cols={2}>
          <TextInput
            type="date"
            label={t('sessions.date')}
            required
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={errors.scheduledStart}
          />
          <TextInput
            type="time"
            label={t('sessions.time')}
            required
            step={900}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Select
          label={t('sessions.expert')}
          required
          searchable
          data={(suggestions.data?.items ?? []).map((s) => ({
            value: s.expert.id,
            label: `${s.expert.name}（${s.score}）`,
          }))}
          value={expertId}
          onChange={setExpertId}
          error={errors.expertId}
          description={t('sessions.suggestionsHint')}
        />
        {expertId && (
          <Text size="xs" c="dimmed" data-testid="suggestion-reasons">
            {(suggestions.data?.items.find((s) => s.expert.id === expertId)?.reasons ?? [])
              .map((r) => r.detail)
              .join(' / ')}
          </Text>
        )}
        <Select
          label={t('sessions.kind')}
          required
          data={KINDS.map((k) => ({ value: k, label: t(`sessions.kinds.${k}`) }))}
          value={chosenKind}
          onChange={(v) => setKind(v as (typeof KINDS)[number] | null)}
          error={errors.kind}
        />
        {kindRefused && (
          <Textarea
            label={t('sessions.overrideReason')}
            description={t('sessions.overrideHint')}
            value={override}
            onChange={(e) => setOverride(e.currentTarget.value)}
            error={errors.kindOverrideReason}
          />
        )}
        <SimpleGrid cols={2}>
          <NumberInput
            label={t('sessions.duration')}
            required
            min={15}
            max={480}
            step={15}
            value={duration}
            onChange={setDuration}
            error={errors.durationMinutes}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="session-mode-label">
              {t('sessions.mode')}
            </Text>
            <SegmentedControl
              aria-labelledby="session-mode-label"
              value={mode}
              onChange={(v) => setMode(v as 'onsite' | 'online')}
              data={[
                { value: 'online', label: t('sessions.modes.online') },
                { value: 'onsite', label: t('sessions.modes.onsite') },
              ]}
            />
          </Stack>
        </SimpleGrid>
        <TextInput
          label={t('sessions.location')}
          value={location}
          onChange={(e) => setLocation(e.currentTarget.value)}
          error={errors.location}
        />
        {book.error &&
          !code?.startsWith('SESSION_LIMIT') &&
          code !== 'EXPERT_DOUBLE_BOOKED' &&
          Object.keys(errors).length === 0 && <ErrorAlert error={book.error} />}
        <Button type="submit" loading={book.isPending}>
          {t('sessions.confirmBooking')}
        </Button>
      </Stack>
    </Modal>
  );
}

function CancelModal({ session, onClose }: { session: Session | null; onClose: () => void }) {
  const { t } = useTranslation();
  const cancel = useCancel();
  const [reason, setReason] = useState('');
  const errors = fieldErrors(cancel.error);
  return (
    <Modal
      opened={session !== null}
      onClose={onClose}
      title={t('sessions.cancel')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {session && (
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            cancel.mutate({ id: session.id, reason }, { onSuccess: onClose });
          }}
        >
          <Text size="sm">{t('sessions.cancelHint')}</Text>
          <Textarea
            label={t('sessions.cancelReason')}
            required
            data-autofocus
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
          {cancel.error && Object.keys(errors).length === 0 && <ErrorAlert error={cancel.error} />}
          <Button type="submit" color="red" loading={cancel.isPending}>
            {t('sessions.cancel')}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}

function GrantModal({
  opened,
  organizationId,
  onClose,
}: {
  opened: boolean;
  organizationId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const grant = useGrant(organizationId);
  const [reason, setReason] = useState('');
  const errors = fieldErrors(grant.error);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('sessions.grant')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          grant.mutate(reason, { onSuccess: onClose });
        }}
      >
        <Textarea
          label={t('sessions.grantReason')}
          required
          data-autofocus
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        {grant.error && Object.keys(errors).length === 0 && <ErrorAlert error={grant.error} />}
        <Button type="submit" loading={grant.isPending}>
          {t('sessions.grant')}
        </Button>
      </Stack>
    </Modal>
  );
}
