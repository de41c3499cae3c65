import { ORGANIZER_KINDS } from '@madoguchi/domain';
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../components/ConsoleForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors, missingRequired } from '../../lib/field-errors';
import { toastDone } from '../../lib/toast';
import { useDeskOptions } from '../reports/api/use-reports';
import { ActivityLinksSection } from './ActivityLinksSection';
import {
  type PlanActivity,
  type PlanActivityFields,
  type PlanParty,
  useCreatePlanActivity,
  useDeletePlanActivity,
  useUpdatePlanActivity,
} from './api/use-partner-plans';

interface Props {
  fiscalYear: number;
  /** null: a new activity of the fiscal year. */
  activity: PlanActivity | null;
  onClose: () => void;
}

const toNumber = (v: number | string): number | null => (typeof v === 'number' ? v : null);

/** Records or edits one activity; an existing one also gets its links to events and referrals. */
export function ActivityFormModal({ fiscalYear, activity, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const desks = useDeskOptions();
  const create = useCreatePlanActivity();
  const update = useUpdatePlanActivity();
  const remove = useDeletePlanActivity();
  const [party, setParty] = useState<PlanParty>(
    (activity?.party as PlanParty) ?? 'chamber_of_commerce',
  );
  const [deskId, setDeskId] = useState<string | null>(activity?.partyDeskId ?? null);
  const [partyName, setPartyName] = useState(activity?.partyName ?? '');
  const [title, setTitle] = useState(activity?.title ?? '');
  const [description, setDescription] = useState(activity?.description ?? '');
  const [unit, setUnit] = useState(activity?.unit ?? '');
  const [target, setTarget] = useState<number | string>(activity?.target ?? '');
  const [achieved, setAchieved] = useState<number | string>(activity?.achieved ?? '');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const saving = activity ? update : create;
  const errors = fieldErrors(saving.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blank = missingRequired({
      title: title.trim(),
      ...(party === 'regional_desk' ? { partyDeskId: deskId } : {}),
    });
    setMissing(blank);
    if (Object.keys(blank).length > 0) {
      return;
    }
    const fields: Omit<PlanActivityFields, 'fiscalYear'> = {
      party,
      partyDeskId: party === 'regional_desk' ? deskId : null,
      partyName: partyName.trim() || null,
      title: title.trim(),
      description,
      unit: unit.trim(),
      target: toNumber(target),
      achieved: toNumber(achieved),
    };
    const done = () => {
      toastDone(t('partnerPlans.saved'));
      onClose();
    };
    if (activity) {
      update.mutate(
        { id: activity.id, body: { ...fields, version: activity.version } },
        { onSuccess: done },
      );
    } else {
      create.mutate({ ...fields, fiscalYear }, { onSuccess: done });
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={activity ? t('partnerPlans.editTitle') : t('partnerPlans.newTitle', { fiscalYear })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Stack component={ConsoleForm} onSubmit={submit} gap="sm">
          {Object.keys(errors).length === 0 && <ErrorAlert error={saving.error} />}
          <Group grow align="flex-start">
            <Select
              label={t('partnerPlans.fields.party')}
              required
              allowDeselect={false}
              data={ORGANIZER_KINDS.map((k) => ({ value: k, label: t(`events.parties.${k}`) }))}
              value={party}
              onChange={(v) => v && setParty(v as PlanParty)}
              error={errors.party}
            />
            {party === 'regional_desk' && (
              <Select
                label={t('partnerPlans.fields.desk')}
                required
                data={(desks.data ?? []).map((d) => ({
                  value: d.id,
                  label: i18n.language === 'en' ? d.nameEn : d.nameJa,
                }))}
                value={deskId}
                onChange={(v) => {
                  setDeskId(v);
                  setMissing(({ partyDeskId: _, ...rest }) => rest);
                }}
                error={missing.partyDeskId ?? errors.partyDeskId}
              />
            )}
          </Group>
          <TextInput
            label={t('partnerPlans.fields.partyName')}
            description={t('partnerPlans.fields.partyNameHint')}
            maxLength={200}
            value={partyName}
            onChange={(e) => setPartyName(e.currentTarget.value)}
            error={errors.partyName}
          />
          <TextInput
            label={t('partnerPlans.fields.title')}
            required
            data-autofocus
            maxLength={200}
            value={title}
            onChange={(e) => {
              setTitle(e.currentTarget.value);
              setMissing(({ title: _, ...rest }) => rest);
            }}
            error={missing.title ?? errors.title}
          />
          <Textarea
            label={t('partnerPlans.fields.description')}
            autosize
            minRows={2}
            maxLength={4000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('partnerPlans.fields.unit')}
              description={t('partnerPlans.fields.unitHint')}
              maxLength={40}
              value={unit}
              onChange={(e) => setUnit(e.currentTarget.value)}
              error={errors.unit}
            />
            <NumberInput
              label={t('partnerPlans.fields.target')}
              min={0}
              allowDecimal={false}
              value={target}
              onChange={setTarget}
              error={errors.target}
            />
            <NumberInput
              label={t('partnerPlans.fields.achieved')}
              min={0}
              allowDecimal={false}
              value={achieved}
              onChange={setAchieved}
              error={errors.achieved}
            />
          </Group>
          <Group justify="space-between">
            {activity ? (
              <Button
                variant="subtle"
                color="red"
                loading={remove.isPending}
                onClick={() => remove.mutate(activity.id, { onSuccess: onClose })}
              >
                {t('partnerPlans.delete')}
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" loading={saving.isPending}>
              {t('partnerPlans.save')}
            </Button>
          </Group>
          <ErrorAlert error={remove.error} />
        </Stack>
        {activity && <ActivityLinksSection activityId={activity.id} fiscalYear={fiscalYear} />}
      </Stack>
    </Modal>
  );
}
