import { CASE_OUTCOMES, type CaseOutcome } from '@madoguchi/domain';
import { Button, Modal, Select, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateTimeFields';
import { useAttemptErrors } from '../../lib/attempt-errors';
import { fieldErrors, missingRequired } from '../../lib/field-errors';

export interface CloseCaseValues {
  outcome: CaseOutcome;
  outcomeConfirmedOn: string;
  notAdoptedReason?: string;
}

const tokyoToday = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());

/**
 * Closing asks for the outcome and the day it was confirmed (and why, when not adopted): the
 * same form for one case on its page and for a selection on the list.
 */
export function CloseCaseModal({
  opened,
  onClose,
  title,
  submitLabel,
  pending,
  error,
  onSubmit,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: CloseCaseValues) => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<CaseOutcome | null>(null);
  const [confirmedOn, setConfirmedOn] = useState(tokyoToday);
  const [reason, setReason] = useState('');
  const notAdopted = outcome === 'not_adopted';
  const { attempt, shown } = useAttemptErrors({
    outcome,
    outcomeConfirmedOn: confirmedOn,
    notAdoptedReason: reason,
  });
  const errors = shown(fieldErrors(error));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = missingRequired({
      outcome,
      outcomeConfirmedOn: confirmedOn,
      ...(notAdopted ? { notAdoptedReason: reason } : {}),
    });
    attempt(missing);
    if (outcome && Object.keys(missing).length === 0) {
      onSubmit({
        outcome,
        outcomeConfirmedOn: confirmedOn,
        notAdoptedReason: notAdopted ? reason : undefined,
      });
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label={t('cases.outcome')}
            required
            data={CASE_OUTCOMES.map((o) => ({ value: o, label: t(`cases.outcomes.${o}`) }))}
            value={outcome}
            onChange={(v) => setOutcome(v as CaseOutcome | null)}
            error={errors.outcome}
          />
          <DateField
            label={t('cases.outcomeConfirmedOn')}
            required
            value={confirmedOn}
            onChange={setConfirmedOn}
            error={errors.outcomeConfirmedOn}
            popoverProps={{ withinPortal: true }}
          />
          {notAdopted && (
            <Textarea
              label={t('cases.notAdoptedReason')}
              required
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.notAdoptedReason}
            />
          )}
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
