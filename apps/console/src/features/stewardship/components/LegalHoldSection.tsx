import { Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../../components/ConsoleForm';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useAttemptErrors } from '../../../lib/attempt-errors';
import { fieldErrors, missingRequired } from '../../../lib/field-errors';
import { formatDateTime } from '../../../lib/format-date';
import { useSession } from '../../../lib/session';
import { toastDone } from '../../../lib/toast';
import {
  type HoldTarget,
  type LegalHold,
  useLegalHolds,
  usePlaceLegalHold,
  useReleaseLegalHold,
} from '../api/use-stewardship';

/** The roles the API lets place and release a hold (and read them). */
const HOLDERS = new Set(['admin', 'manager']);

/**
 * The legal hold of a case or an organization: the one in force with who/when/why and its
 * release, or a form to place one; earlier holds below. Shown only to the roles that may act.
 */
export function LegalHoldSection(target: HoldTarget) {
  const { t } = useTranslation();
  const { user } = useSession();
  const allowed = HOLDERS.has(user?.role ?? '');
  const holds = useLegalHolds(target, allowed);
  const titleId = useId();
  if (!allowed) {
    return null;
  }
  const items = holds.data?.items ?? [];
  const active = items.find((h) => h.releasedAt === null);
  const earlier = items.filter((h) => h.releasedAt !== null);
  return (
    <Card withBorder component="section" aria-labelledby={titleId} data-testid="legal-hold">
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={3} size="h4" id={titleId}>
            {t('legalHold.title')}
          </Title>
          {active && (
            <Badge color="#a13c00" variant="outline">
              {t('legalHold.active')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('legalHold.note')}
        </Text>
        <ErrorAlert error={holds.error} />
        {holds.data &&
          (active ? (
            <ActiveHold key={active.id} hold={active} target={target} />
          ) : (
            <>
              <Text size="sm">{t('legalHold.none')}</Text>
              <ReasonForm
                target={target}
                label={t('legalHold.placeReason')}
                submitLabel={t('legalHold.place')}
              />
            </>
          ))}
        {earlier.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('legalHold.history')}
            </Text>
            {earlier.map((h) => (
              <Text size="sm" key={h.id}>
                {h.reason} — <SetBy hold={h} /> ・ <Released hold={h} />
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function SetBy({ hold }: { hold: LegalHold }) {
  const { t, i18n } = useTranslation();
  return t('legalHold.setBy', {
    name: hold.setByName ?? t('legalHold.unknownUser'),
    at: formatDateTime(hold.setAt, i18n.language),
  });
}

function Released({ hold }: { hold: LegalHold }) {
  const { t, i18n } = useTranslation();
  return t('legalHold.released', {
    name: hold.releasedByName ?? t('legalHold.unknownUser'),
    at: hold.releasedAt ? formatDateTime(hold.releasedAt, i18n.language) : '—',
    reason: hold.releaseReason ?? '—',
  });
}

function ActiveHold({ hold, target }: { hold: LegalHold; target: HoldTarget }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="legal-hold-active">
      <Text size="sm">
        {t('legalHold.reason')}: {hold.reason}
      </Text>
      <Text size="sm" c="dimmed">
        <SetBy hold={hold} />
      </Text>
      <ReasonForm
        target={target}
        holdId={hold.id}
        label={t('legalHold.releaseReason')}
        submitLabel={t('legalHold.release')}
      />
    </Stack>
  );
}

/** One reason and a button: placing a hold, or (with `holdId`) releasing it. */
function ReasonForm({
  target,
  holdId,
  label,
  submitLabel,
}: {
  target: HoldTarget;
  holdId?: string;
  label: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const place = usePlaceLegalHold(target);
  const release = useReleaseLegalHold(target);
  const mutation = holdId ? release : place;
  const [reason, setReason] = useState('');
  const { attempt, shown } = useAttemptErrors({ reason });
  const errors = shown(fieldErrors(mutation.error));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = missingRequired({ reason: reason.trim() });
    attempt(missing);
    if (Object.keys(missing).length > 0) {
      return;
    }
    if (holdId) {
      release.mutate(
        { id: holdId, reason: reason.trim() },
        { onSuccess: () => (setReason(''), toastDone(t('legalHold.releasedDone'))) },
      );
    } else {
      place.mutate(reason.trim(), {
        onSuccess: () => (setReason(''), toastDone(t('legalHold.placed'))),
      });
    }
  };
  return (
    <Stack gap="xs" component={ConsoleForm} onSubmit={submit}>
      <Textarea
        label={label}
        required
        autosize
        minRows={1}
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.reason}
      />
      {mutation.error && !errors.reason && <ErrorAlert error={mutation.error} />}
      <Group>
        <Button type="submit" variant="default" loading={mutation.isPending}>
          {submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}
