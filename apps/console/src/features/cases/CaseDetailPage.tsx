import { Anchor, Card, Group, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../lib/api-client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ja as jaResource } from '../../i18n/ja';
import { isKeyOf } from '../../i18n/keys';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../lib/format-date';
import { industryName, prefectureName, smeVerdictKey } from '../../lib/labels';
import { useDeskName } from './api/use-transfers';
import { type Case, isCaseId, useCase, useTimeline } from './api/use-cases';
import { AssignmentCard } from './AssignmentCard';
import { CaseEditForm } from './CaseEditForm';
import { formatDuration } from './merge-edit';
import { useSession } from '../../lib/session';
import { PresenceBanner } from './PresenceBanner';
import { SlaBadge } from './SlaBadge';
import { StatusBadge } from './StatusBadge';
import { TransferPanel } from './TransferPanel';
import { AddEntry } from './CaseTimelineEntry';
import { CaseNotFound } from './CaseNotFound';
import { Referrals } from './CaseReferrals';
import { Transitions } from './CaseTransitions';

/** What other features show on the case page; the route (src/app) fills these in. */
export interface CaseDetailSlots {
  /** Expert sessions of the case and its organization's allowance. */
  sessions: (value: Case) => ReactNode;
  /** The case's follow-ups; `canWrite` is false for the roles that only read a case. */
  followUps: (value: Case, canWrite: boolean) => ReactNode;
  /** The case's email, received and sent. */
  messages: (value: Case, canWrite: boolean) => ReactNode;
  /** The case's legal hold (data stewardship); the section itself decides who sees it. */
  legalHold?: (value: Case) => ReactNode;
}

export function CaseDetailPage({ sessions, followUps, messages, legalHold }: CaseDetailSlots) {
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
      {legalHold?.(c)}
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
