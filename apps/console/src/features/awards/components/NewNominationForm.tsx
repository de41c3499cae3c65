import { tokyoDate } from '@madoguchi/domain';
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../../components/ConsoleForm';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrors, missingRequired } from '../../../lib/field-errors';
import { toastDone } from '../../../lib/toast';
import { useNominate } from '../api/use-awards';

/** Nominates the organization for one of the awards it is not yet nominated for this year. */
export function NewNominationForm({
  organizationId,
  fiscalYear,
  awards,
}: {
  organizationId: string;
  fiscalYear: number;
  awards: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const nominate = useNominate();
  const [awardKindId, setAwardKindId] = useState<string | null>(null);
  const [nominatedOn, setNominatedOn] = useState(tokyoDate(new Date()));
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(nominate.error), ...missing };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const empty = missingRequired({ awardKindId, nominatedOn });
    setMissing(empty);
    if (Object.keys(empty).length > 0 || !awardKindId) {
      return;
    }
    nominate.mutate(
      {
        organizationId,
        fiscalYear,
        awardKindId,
        nominatedOn,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { onSuccess: () => toastDone(t('awards.nominated')) },
    );
  };

  return (
    <Stack component={ConsoleForm} gap="xs" onSubmit={submit} aria-label={t('awards.nominate')}>
      <Group align="flex-start">
        <Select
          label={t('awards.award')}
          required
          data={awards}
          value={awardKindId}
          onChange={setAwardKindId}
          error={errors.awardKindId}
          w={300}
        />
        <TextInput
          type="date"
          label={t('awards.nominatedOn')}
          required
          value={nominatedOn}
          onChange={(e) => setNominatedOn(e.currentTarget.value)}
          error={errors.nominatedOn}
          w={170}
        />
      </Group>
      <TextInput
        label={t('awards.note')}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.note}
      />
      {nominate.error && Object.keys(errors).length === 0 && <ErrorAlert error={nominate.error} />}
      <Group justify="flex-end">
        <Button type="submit" loading={nominate.isPending}>
          {t('awards.nominate')}
        </Button>
      </Group>
    </Stack>
  );
}
