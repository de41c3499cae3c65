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
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../components/ConsoleForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDeskOptions } from '../reports/api/use-reports';
import { ActivityLinksSection } from './ActivityLinksSection';
import { type PlanActivity, type PlanParty, useDeletePlanActivity } from './api/use-partner-plans';
import { useActivityForm } from './use-activity-form';

interface Props {
  fiscalYear: number;
  /** null: a new activity of the fiscal year. */
  activity: PlanActivity | null;
  onClose: () => void;
}

/** Records or edits one activity; an existing one also gets its links to events and referrals. */
export function ActivityFormModal({ fiscalYear, activity, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const desks = useDeskOptions();
  const remove = useDeletePlanActivity();
  const { draft, set, missing, filled, errors, saving, ...form } = useActivityForm(
    fiscalYear,
    activity,
    onClose,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submit();
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
              value={draft.party}
              onChange={(v) => v && set('party', v as PlanParty)}
              error={errors.party}
            />
            {draft.party === 'regional_desk' && (
              <Select
                label={t('partnerPlans.fields.desk')}
                required
                data={(desks.data ?? []).map((d) => ({
                  value: d.id,
                  label: i18n.language === 'en' ? d.nameEn : d.nameJa,
                }))}
                value={draft.deskId}
                onChange={(v) => {
                  set('deskId', v);
                  filled('partyDeskId');
                }}
                error={missing.partyDeskId ?? errors.partyDeskId}
              />
            )}
          </Group>
          <TextInput
            label={t('partnerPlans.fields.partyName')}
            description={t('partnerPlans.fields.partyNameHint')}
            maxLength={200}
            value={draft.partyName}
            onChange={(e) => set('partyName', e.currentTarget.value)}
            error={errors.partyName}
          />
          <TextInput
            label={t('partnerPlans.fields.title')}
            required
            data-autofocus
            maxLength={200}
            value={draft.title}
            onChange={(e) => {
              set('title', e.currentTarget.value);
              filled('title');
            }}
            error={missing.title ?? errors.title}
          />
          <Textarea
            label={t('partnerPlans.fields.description')}
            autosize
            minRows={2}
            maxLength={4000}
            value={draft.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={errors.description}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('partnerPlans.fields.unit')}
              description={t('partnerPlans.fields.unitHint')}
              maxLength={40}
              value={draft.unit}
              onChange={(e) => set('unit', e.currentTarget.value)}
              error={errors.unit}
            />
            <NumberInput
              label={t('partnerPlans.fields.target')}
              min={0}
              allowDecimal={false}
              value={draft.target}
              onChange={(v) => set('target', v)}
              error={errors.target}
            />
            <NumberInput
              label={t('partnerPlans.fields.achieved')}
              min={0}
              allowDecimal={false}
              value={draft.achieved}
              onChange={(v) => set('achieved', v)}
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
