import { EXPERT_QUALIFICATIONS, PREFECTURES, TOPICS } from '@madoguchi/domain';
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { toastDone } from '../../lib/toast';
import { type Expert, type ExpertFields, useExpertUsers, useSaveExpert } from './api/use-experts';
import { ConsoleForm } from '../../components/ConsoleForm';

type Qualification = NonNullable<ExpertFields['qualifications']>[number];

/** Adds a profile to an expert user, or edits one (with the version it was read at). */
export function ExpertFormModal(props: {
  expert: Expert | null;
  taken: string[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const { expert } = props;
  const save = useSaveExpert();
  const users = useExpertUsers(!expert);
  const [userId, setUserId] = useState<string | null>(null);
  const [qualifications, setQualifications] = useState<Qualification[]>(
    expert?.qualifications ?? [],
  );
  const [specialties, setSpecialties] = useState<string[]>(expert?.specialties ?? []);
  const [prefectures, setPrefectures] = useState<string[]>(expert?.prefectures ?? []);
  const [capacity, setCapacity] = useState<number | string>(expert?.capacityPerMonth ?? 8);
  const [active, setActive] = useState(expert?.active ?? true);
  const errors = fieldErrors(save.error);
  const candidates = (users.data ?? []).filter((u) => !props.taken.includes(u.id));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      qualifications,
      specialties,
      prefectures,
      capacityPerMonth: Number(capacity),
      active,
    };
    const input = expert
      ? { id: expert.id, body: { ...fields, version: expert.version } }
      : { body: { ...fields, userId: userId ?? '' } };
    save.mutate(input, {
      onSuccess: () => {
        toastDone(t('experts.saved'));
        props.onClose();
      },
    });
  };

  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={expert ? `${t('experts.edit')}: ${expert.name}` : t('experts.create')}
      size="lg"
    >
      <Stack component={ConsoleForm} onSubmit={submit}>
        {save.error && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
        {!expert &&
          (users.isSuccess && candidates.length === 0 ? (
            <Text size="sm">{t('experts.noUsers')}</Text>
          ) : (
            <Select
              label={t('experts.user')}
              data={candidates.map((u) => ({
                value: u.id,
                label: `${u.displayName} (${u.email})`,
              }))}
              value={userId}
              onChange={setUserId}
              searchable
              required
              error={errors.userId}
            />
          ))}
        <MultiSelect
          label={t('experts.qualifications')}
          data={EXPERT_QUALIFICATIONS.map((q) => ({
            value: q,
            label: t(`experts.qualificationNames.${q}`),
          }))}
          value={qualifications}
          onChange={(v) => setQualifications(v as Qualification[])}
          error={errors.qualifications}
        />
        <MultiSelect
          label={t('experts.specialties')}
          data={TOPICS.map((tp) => ({ value: tp.code, label: ja ? tp.labelJa : tp.labelEn }))}
          value={specialties}
          onChange={setSpecialties}
          searchable
          error={errors.specialties}
        />
        <MultiSelect
          label={t('experts.prefectures')}
          data={PREFECTURES.map((p) => ({ value: p.code, label: ja ? p.nameJa : p.nameEn }))}
          value={prefectures}
          onChange={setPrefectures}
          searchable
          error={errors.prefectures}
        />
        <NumberInput
          label={t('experts.capacity')}
          min={0}
          max={200}
          value={capacity}
          onChange={setCapacity}
          error={errors.capacityPerMonth}
          w={220}
        />
        <Switch
          label={t('experts.active')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('experts.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('experts.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
