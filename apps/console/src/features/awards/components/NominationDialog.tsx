import { NOMINATION_STATUSES, type NominationStatus, tokyoDate } from '@madoguchi/domain';
import { Button, Divider, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../../components/ConsoleForm';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrors, missingRequired } from '../../../lib/field-errors';
import { toastDone } from '../../../lib/toast';
import {
  type Candidate,
  type Nomination,
  useAwardKinds,
  useNominate,
  useRecordResult,
} from '../api/use-awards';

/** The organization's nominations of the year: record the results, or a new nomination. */
export function NominationDialog({
  candidate,
  fiscalYear,
  onClose,
}: {
  candidate: Candidate;
  fiscalYear: number;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const kinds = useAwardKinds();
  const awardName = (id: string) => {
    const kind = kinds.data?.find((k) => k.id === id);
    return kind ? (i18n.language === 'en' ? kind.nameEn : kind.nameJa) : id;
  };
  const taken = new Set(candidate.nominations.map((n) => n.awardKindId));
  const open = (kinds.data ?? []).filter((k) => k.active && !taken.has(k.id));

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('awards.dialogTitle', { name: candidate.name })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        {candidate.nominations.map((n) => (
          <ResultForm
            key={`${n.id}-${n.version}`}
            nomination={n}
            awardName={awardName(n.awardKindId)}
          />
        ))}
        {candidate.nominations.length > 0 && open.length > 0 && <Divider />}
        {open.length > 0 && (
          <NewNomination
            organizationId={candidate.organizationId}
            fiscalYear={fiscalYear}
            awards={open.map((k) => ({ value: k.id, label: awardName(k.id) }))}
          />
        )}
      </Stack>
    </Modal>
  );
}

function NewNomination({
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

function ResultForm({ nomination, awardName }: { nomination: Nomination; awardName: string }) {
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
