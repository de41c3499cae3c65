import { Stack, Title } from '@mantine/core';
import { useId } from 'react';
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
import { LinkList } from './LinkList';

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
  const eventLabel = (e: { startsAt: string; title: string }) =>
    `${formatDateTime(e.startsAt, i18n.language)} ${e.title}`;
  const referralLabel = (r: {
    caseNumber: string;
    organizationName: string;
    programNameJa: string;
  }) => `${r.caseNumber} ${r.organizationName} → ${r.programNameJa}`;
  const linkedEvents = detail.data?.events ?? [];
  const linkedReferrals = detail.data?.referrals ?? [];
  const eventOptions = (events.data ?? [])
    .filter((e) => !linkedEvents.some((l) => l.eventId === e.id))
    .map((e) => ({ value: e.id, label: eventLabel(e) }));
  const referralOptions = (candidates.data ?? [])
    .filter((r) => !linkedReferrals.some((l) => l.referralId === r.referralId))
    .map((r) => ({ value: r.referralId, label: referralLabel(r) }));

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
      <LinkList
        heading={t('partnerPlans.links.events', { count: linkedEvents.length })}
        testId="linked-events"
        linked={linkedEvents.map((e) => ({
          id: e.eventId,
          label: eventLabel(e),
          name: e.title,
        }))}
        onUnlink={(eventId) => unlinkEvent.mutate({ id: activityId, eventId })}
        options={eventOptions}
        pickLabel={t('partnerPlans.links.event')}
        nothingFound={t('partnerPlans.links.noEvents')}
        linkLabel={t('partnerPlans.links.linkEvent')}
        linking={linkEvent.isPending}
        onLink={(eventId, done) =>
          linkEvent.mutate({ id: activityId, eventId }, { onSuccess: done })
        }
      />
      <LinkList
        heading={t('partnerPlans.links.referrals', { count: linkedReferrals.length })}
        testId="linked-referrals"
        linked={linkedReferrals.map((r) => ({
          id: r.referralId,
          label: referralLabel(r),
          name: r.caseNumber,
        }))}
        onUnlink={(referralId) => unlinkReferral.mutate({ id: activityId, referralId })}
        options={referralOptions}
        pickLabel={t('partnerPlans.links.referral')}
        nothingFound={t('partnerPlans.links.noReferrals')}
        linkLabel={t('partnerPlans.links.linkReferral')}
        linking={linkReferral.isPending}
        onLink={(referralId, done) =>
          linkReferral.mutate({ id: activityId, referralId }, { onSuccess: done })
        }
      />
    </Stack>
  );
}
