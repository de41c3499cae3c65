import { Button, Group, List, Select, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format-date';
import { useEvents } from '../events/api/use-events';
import {
  useLinkPlanEvent,
  useLinkPlanReferral,
  usePlanActivity,
  useReferralCandidates,
  useUnlinkPlanEvent,
  useUnlinkPlanReferral,
} from './api/use-partner-plans';

interface Props {
  activityId: string;
  fiscalYear: number;
}

/**
 * The events held and the referrals made for an activity: they count beside the figure the
 * party reports. Only the plan's fiscal year can be linked (the API refuses others).
 */
export function ActivityLinksSection({ activityId, fiscalYear }: Props) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const detail = usePlanActivity(activityId);
  const events = useEvents({ fiscalYear });
  const candidates = useReferralCandidates(fiscalYear, true);
  const linkEvent = useLinkPlanEvent();
  const unlinkEvent = useUnlinkPlanEvent();
  const linkReferral = useLinkPlanReferral();
  const unlinkReferral = useUnlinkPlanReferral();
  const [eventId, setEventId] = useState<string | null>(null);
  const [referralId, setReferralId] = useState<string | null>(null);
  const linkedEvents = detail.data?.events ?? [];
  const linkedReferrals = detail.data?.referrals ?? [];
  const eventOptions = (events.data ?? [])
    .filter((e) => !linkedEvents.some((l) => l.eventId === e.id))
    .map((e) => ({
      value: e.id,
      label: `${formatDateTime(e.startsAt, i18n.language)} ${e.title}`,
    }));
  const referralOptions = (candidates.data ?? [])
    .filter((r) => !linkedReferrals.some((l) => l.referralId === r.referralId))
    .map((r) => ({
      value: r.referralId,
      label: `${r.caseNumber} ${r.organizationName} → ${r.programNameJa}`,
    }));

  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <Title order={3} size="h5" id={headingId}>
        {t('partnerPlans.links.title')}
      </Title>
      <ErrorAlert
        error={
          detail.error ??
          linkEvent.error ??
          unlinkEvent.error ??
          linkReferral.error ??
          unlinkReferral.error
        }
      />
      <Text size="sm" fw={700}>
        {t('partnerPlans.links.events', { count: linkedEvents.length })}
      </Text>
      <List size="sm" spacing={4} data-testid="linked-events">
        {linkedEvents.map((e) => (
          <List.Item key={e.eventId}>
            <Group gap="xs">
              <span>
                {formatDateTime(e.startsAt, i18n.language)} {e.title}
              </span>
              <Button
                size="compact-xs"
                variant="subtle"
                aria-label={t('partnerPlans.links.unlinkNamed', { name: e.title })}
                onClick={() => unlinkEvent.mutate({ id: activityId, eventId: e.eventId })}
              >
                {t('partnerPlans.links.unlink')}
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
      <Group align="flex-end">
        <Select
          label={t('partnerPlans.links.event')}
          searchable
          clearable
          nothingFoundMessage={t('partnerPlans.links.noEvents')}
          data={eventOptions}
          value={eventId}
          onChange={setEventId}
          flex={1}
        />
        <Button
          disabled={!eventId}
          loading={linkEvent.isPending}
          onClick={() =>
            eventId &&
            linkEvent.mutate({ id: activityId, eventId }, { onSuccess: () => setEventId(null) })
          }
        >
          {t('partnerPlans.links.linkEvent')}
        </Button>
      </Group>
      <Text size="sm" fw={700}>
        {t('partnerPlans.links.referrals', { count: linkedReferrals.length })}
      </Text>
      <List size="sm" spacing={4} data-testid="linked-referrals">
        {linkedReferrals.map((r) => (
          <List.Item key={r.referralId}>
            <Group gap="xs">
              <span>
                {r.caseNumber} {r.organizationName} → {r.programNameJa}
              </span>
              <Button
                size="compact-xs"
                variant="subtle"
                aria-label={t('partnerPlans.links.unlinkNamed', { name: r.caseNumber })}
                onClick={() => unlinkReferral.mutate({ id: activityId, referralId: r.referralId })}
              >
                {t('partnerPlans.links.unlink')}
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
      <Group align="flex-end">
        <Select
          label={t('partnerPlans.links.referral')}
          searchable
          clearable
          nothingFoundMessage={t('partnerPlans.links.noReferrals')}
          data={referralOptions}
          value={referralId}
          onChange={setReferralId}
          flex={1}
        />
        <Button
          disabled={!referralId}
          loading={linkReferral.isPending}
          onClick={() =>
            referralId &&
            linkReferral.mutate(
              { id: activityId, referralId },
              { onSuccess: () => setReferralId(null) },
            )
          }
        >
          {t('partnerPlans.links.linkReferral')}
        </Button>
      </Group>
    </Stack>
  );
}
