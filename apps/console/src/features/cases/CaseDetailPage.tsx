import { allowedTransitions } from '@madoguchi/domain';
import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../lib/api-client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toastDone } from '../../lib/toast';
import { ja as jaResource } from '../../i18n/ja';
import { isKeyOf } from '../../i18n/keys';
import { PageLoader } from '../../components/PageLoader';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import { industryName, prefectureName, smeVerdictKey } from '../../lib/labels';
import { useDeskName } from './api/use-transfers';
import {
  type Case,
  isCaseId,
  useAddEvent,
  useCase,
  useRefer,
  useReferralPrograms,
  useReferrals,
  useTimeline,
  useTransition,
} from './api/use-cases';
import { AssignmentCard } from './AssignmentCard';
import { CaseEditForm } from './CaseEditForm';
import { CloseCaseModal, type CloseCaseValues } from './CloseCaseModal';
import { formatDuration } from './merge-edit';
import { useSession } from '../../lib/session';
import { PresenceBanner } from './PresenceBanner';
import { SlaBadge } from './SlaBadge';
import { StatusBadge } from './StatusBadge';
import { TransferPanel } from './TransferPanel';
import { ConsoleForm } from '../../components/ConsoleForm';

/** What other features show on the case page; the route (src/app) fills these in. */
export interface CaseDetailSlots {
  /** Expert sessions of the case and its organization's allowance. */
  sessions: (value: Case) => ReactNode;
  /** The case's follow-ups; `canWrite` is false for the roles that only read a case. */
  followUps: (value: Case, canWrite: boolean) => ReactNode;
  /** The case's email, received and sent. */
  messages: (value: Case, canWrite: boolean) => ReactNode;
}

export function CaseDetailPage({ sessions, followUps, messages }: CaseDetailSlots) {
  const deskName = useDeskName();
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const current = useCase(id);
  const timeline = useTimeline(id, isCaseId(id));
  const { user } = useSession();

  // A malformed id is not asked for, and a 404/400 is not retried: either is "not found", now.
  const missing =
    !isCaseId(id) ||
    (current.error instanceof ApiError &&
      (current.error.status === 404 || current.error.status === 400));
  if (missing) {
    return <CaseNotFound />;
  }
  if (current.isPending) {
    return <PageLoader />;
  }
  if (!current.data) {
    return <ErrorAlert error={current.error} />;
  }
  const c = current.data;
  // Only the desks work a case; managers, admins and experts read it. Showing them buttons the
  // API refuses would only produce errors.
  const canWrite = user?.role === 'operator' || user?.role === 'desk_staff';
  return (
    <Stack maw={1000}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {c.number} · {formatDateTime(c.receivedAt, i18n.language)} ·{' '}
            {t(`cases.channels.${c.channel}`)}
            {c.callDirection && ` (${t(`cases.directions.${c.callDirection as 'inbound'}`)})`}
            {c.callDurationSeconds !== null &&
              ` · ${t('cases.callDuration')} ${formatDuration(c.callDurationSeconds)}`}{' '}
            · {deskName(c.deskId)}
          </Text>
          <Title order={2}>{c.subject}</Title>
        </div>
        <Group gap="xs">
          <SlaBadge value={c} />
          <StatusBadge status={c.status} />
        </Group>
      </Group>
      <PresenceBanner caseId={c.id} version={c.version} />
      <TransferPanel value={c} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder>
          <Anchor component={Link} to={`/organizations/${c.organization.id}`} fw={600}>
            {c.organization.name}
          </Anchor>
          <Text size="sm">
            {prefectureName(c.organization.prefectureCode, i18n.language) || '—'} ·{' '}
            {industryName(c.organization.industryCode, i18n.language) || '—'} ·{' '}
            {t(`organizations.sme.${smeVerdictKey(c.organization.sme)}`)}
          </Text>
        </Card>
        <Card withBorder>
          <Text fw={600}>
            {c.contact?.name ?? '—'}
            {c.contact && !c.contact.active ? t('cases.contactLeft') : ''}
            {c.contact?.surveyOptOutAt ? t('cases.contactSurveyOptedOut') : ''}
          </Text>
          <Text size="sm">
            {[c.contact?.title, c.contact?.phone, c.contact?.email].filter(Boolean).join(' · ')}
          </Text>
        </Card>
      </SimpleGrid>
      {canWrite ? (
        <>
          <Transitions value={c} />
          <AssignmentCard value={c} />
          <CaseEditForm key={c.id} value={c} />
        </>
      ) : (
        c.description && (
          <Card withBorder data-testid="case-description">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.description}
            </Text>
          </Card>
        )
      )}
      {messages(c, canWrite)}
      {sessions(c)}
      <Referrals caseId={c.id} canWrite={canWrite} />
      {followUps(c, canWrite)}
      <Card withBorder>
        <Title order={3} size="h4" mb="sm">
          {t('cases.timeline')}
        </Title>
        <Timeline bulletSize={14} lineWidth={2}>
          {(timeline.data ?? []).map((event) => (
            <Timeline.Item
              key={event.id}
              title={`${isKeyOf(jaResource.cases.kinds, event.kind) ? t(`cases.kinds.${event.kind}`) : event.kind}${
                event.kind === 'status_changed' && isKeyOf(jaResource.cases.statuses, event.data.to)
                  ? `: ${t(`cases.statuses.${event.data.to}`)}`
                  : ''
              }`}
            >
              <Text size="xs" c="dimmed">
                {formatDateTime(event.at, i18n.language)} · {event.actorName ?? '—'}
              </Text>
              {event.body && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {event.body}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
        {canWrite && <AddEntry caseId={c.id} />}
      </Card>
    </Stack>
  );
}

function Transitions({ value }: { value: Case }) {
  const { t } = useTranslation();
  const transition = useTransition(value.id);
  const [closing, setClosing] = useState(false);
  const targets = allowedTransitions(value.status);

  const close = (values: CloseCaseValues) => {
    transition.mutate(
      { to: 'closed', version: value.version, ...values },
      {
        onSuccess: () => {
          setClosing(false);
          toastDone(t('cases.statusChangedTo', { status: t('cases.statuses.closed') }));
        },
      },
    );
  };

  return (
    <Group gap="xs" aria-label={t('cases.moveTo')} role="group">
      <Text size="sm" fw={500}>
        {t('cases.moveTo')}:
      </Text>
      {targets.map((to) => (
        <Button
          key={to}
          size="xs"
          variant="default"
          loading={transition.isPending && transition.variables?.to === to}
          onClick={() =>
            to === 'closed'
              ? setClosing(true)
              : transition.mutate(
                  { to, version: value.version },
                  {
                    onSuccess: () =>
                      toastDone(t('cases.statusChangedTo', { status: t(`cases.statuses.${to}`) })),
                  },
                )
          }
        >
          {t(`cases.statuses.${to}`)}
        </Button>
      ))}
      {transition.error && !closing && <ErrorAlert error={transition.error} />}
      <CloseCaseModal
        opened={closing}
        onClose={() => setClosing(false)}
        title={t('cases.statuses.closed')}
        submitLabel={t('cases.confirm')}
        pending={transition.isPending}
        error={transition.error}
        onSubmit={close}
      />
    </Group>
  );
}

function AddEntry({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const add = useAddEvent(caseId);
  const [kind, setKind] = useState<'note' | 'call' | 'email_in' | 'email_out'>('note');
  const [body, setBody] = useState('');
  const [isAnswer, setIsAnswer] = useState(false);
  const errors = fieldErrors(add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { kind, body, isAnswer: kind === 'note' ? isAnswer : undefined },
      { onSuccess: () => (setBody(''), toastDone(t('cases.entryAdded'))) },
    );
  };
  return (
    <Stack component={ConsoleForm} onSubmit={submit} mt="md" gap="xs">
      <Title order={4} size="h5">
        {t('cases.addEntry')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('cases.entryKind')}
          data={(['note', 'call', 'email_in', 'email_out'] as const).map((k) => ({
            value: k,
            label: t(`cases.kinds.${k}`),
          }))}
          value={kind}
          onChange={(v) => v && setKind(v as typeof kind)}
          allowDeselect={false}
          w={160}
        />
        {kind === 'note' && (
          <Checkbox
            label={t('cases.isAnswer')}
            checked={isAnswer}
            onChange={(e) => setIsAnswer(e.currentTarget.checked)}
          />
        )}
      </Group>
      <Textarea
        label={t('cases.body')}
        autosize
        minRows={2}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={errors.body}
      />
      <Group justify="flex-end">
        <Button type="submit" loading={add.isPending}>
          {t('cases.add')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Support programs the caller was guided to: subsidies, centers, awards, guidelines. */
function Referrals({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const referrals = useReferrals(caseId);
  // Experts may not read the catalogue, and only those who refer need it.
  const programs = useReferralPrograms(canWrite);
  const refer = useRefer(caseId);
  const [programId, setProgramId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const errors = fieldErrors(refer.error);
  const already = new Set((referrals.data ?? []).map((r) => r.program.id));
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        {t('cases.referrals')}
      </Title>
      {(referrals.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cases.noReferrals')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" style={{ paddingLeft: '1.2em', margin: 0 }}>
          {(referrals.data ?? []).map((r) => (
            <li key={r.id}>
              <Text size="sm">
                {ja ? r.program.nameJa : r.program.nameEn}（{r.program.fiscalYear}）
                {r.note && ` — ${r.note}`}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {canWrite && (
        <Group
          align="flex-end"
          mt="sm"
          component={ConsoleForm}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (programId) {
              refer.mutate(
                { programId, note: note || undefined },
                {
                  onSuccess: () => (
                    setProgramId(null),
                    setNote(''),
                    toastDone(t('cases.referred'))
                  ),
                },
              );
            }
          }}
        >
          <Select
            label={t('cases.program')}
            searchable
            required
            style={{ flex: 2 }}
            data={(programs.data ?? []).map((p) => ({
              value: p.id,
              label: `${ja ? p.nameJa : p.nameEn}（${p.fiscalYear}）`,
              disabled: already.has(p.id),
            }))}
            value={programId}
            onChange={setProgramId}
            error={errors.programId}
          />
          <TextInput
            label={t('cases.note')}
            style={{ flex: 2 }}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <Button type="submit" variant="default" loading={refer.isPending} disabled={!programId}>
            {t('cases.refer')}
          </Button>
        </Group>
      )}
      {refer.error && Object.keys(errors).length === 0 && <ErrorAlert error={refer.error} />}
    </Card>
  );
}

/** A case that does not exist, or is not the user's to see: said at once, with a way on. */
function CaseNotFound() {
  const { t } = useTranslation();
  return (
    <Stack maw={640} py="xl" data-testid="case-not-found">
      <Title order={2}>{t('cases.notFoundTitle')}</Title>
      <Text>{t('cases.notFoundBody')}</Text>
      <Anchor component={Link} to="/cases">
        {t('cases.backToList')}
      </Anchor>
    </Stack>
  );
}
