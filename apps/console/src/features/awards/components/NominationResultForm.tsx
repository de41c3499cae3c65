import { NOMINATION_STATUSES, type NominationStatus } from '@madoguchi/domain';
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../../components/ConsoleForm';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrors, missingRequired } from '../../../lib/field-errors';
import { toastDone } from '../../../lib/toast';
import { type Nomination, useRecordResult } from '../api/use-awards';

/** One nomination's result: still nominated, or decided (awarded or not) on a given day. */
export function NominationResultForm({
  nomination,
  awardName,
}: {
  nomination: Nomination;
  awardName: string;
}) {
  const { t } = useTranslation();
  const record = useRecordResult();
  const [status, setStatus] = useState<NominationStatus>(nomination.status);
  const [decidedOn, setDecidedOn] = useState(nomination.decidedOn ?? '');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(record.error), ...missing };
  const decided = status !== 'nominated';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const empty = decided ? missingRequired({ decidedOn }) : {};
    setMissing(empty);
    if (Object.keys(empty).length > 0) {
      return;
    }
    record.mutate(
      {
        id: nomination.id,
        status,
        decidedOn: decided ? decidedOn : null,
        version: nomination.version,
      },
      { onSuccess: () => toastDone(t('awards.resultRecorded')) },
    );
  };

  return (
    <Stack
      component={ConsoleForm}
      gap="xs"
      onSubmit={submit}
      aria-label={t('awards.recordResultOf', { award: awardName })}
    >
      <Text fw={600} size="sm">
        {awardName} · {t('awards.nominatedOn')} {nomination.nominatedOn}
      </Text>
      <Group align="flex-start">
        <Select
          label={t('awards.status')}
          data={NOMINATION_STATUSES.map((s) => ({ value: s, label: t(`awards.statuses.${s}`) }))}
          value={status}
          allowDeselect={false}
          onChange={(v) => v && setStatus(v as NominationStatus)}
          w={160}
        />
        {decided && (
          <TextInput
            type="date"
            label={t('awards.decidedOn')}
            required
            value={decidedOn}
            onChange={(e) => setDecidedOn(e.currentTarget.value)}
            error={errors.decidedOn}
            w={170}
          />
        )}
      </Group>
      {record.error && Object.keys(errors).length === 0 && <ErrorAlert error={record.error} />}
      <Group justify="flex-end">
        <Button type="submit" variant="default" loading={record.isPending}>
          {t('awards.save')}
        </Button>
      </Group>
    </Stack>
  );
}
