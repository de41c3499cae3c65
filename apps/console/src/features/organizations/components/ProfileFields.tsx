import { finerIndustryCodeMatters, industrySubcodeChoices, SME_SECTORS } from '@madoguchi/domain';
import {
  Checkbox,
  Fieldset,
  NumberInput,
  Select,
  SimpleGrid,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format-date';
import { industryOptions, prefectureOptions } from '../../../lib/labels';
import type { ProfileDraft } from '../profile-draft';

const TELEWORK_STATUSES = ['not_started', 'trial', 'partial', 'adopted'] as const;

interface Props {
  draft: ProfileDraft;
  set: <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => void;
  errors: Record<string, string>;
  disabled: boolean;
  corporateNumberError: string | undefined;
  teleworkStatusChangedAt: string | null;
  /** The reason for a hand-set telework status; null while the status is unchanged. */
  reason: string | null;
  onReasonChange: (reason: string) => void;
}

/** The profile's inputs: names and codes shown as words, the SME sector, the telework status. */
export function ProfileFields({
  draft,
  set,
  errors,
  disabled,
  corporateNumberError,
  teleworkStatusChangedAt,
  reason,
  onReasonChange,
}: Props) {
  const { t, i18n } = useTranslation();
  return (
    <Fieldset variant="unstyled" disabled={disabled}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('organizations.fields.name')}
          required
          value={draft.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
        />
        <TextInput
          label={t('organizations.fields.nameKana')}
          value={draft.nameKana}
          onChange={(e) => set('nameKana', e.currentTarget.value)}
          error={errors.nameKana}
        />
        <TextInput
          label={t('organizations.fields.corporateNumber')}
          inputMode="numeric"
          value={draft.corporateNumber}
          onChange={(e) => set('corporateNumber', e.currentTarget.value)}
          error={corporateNumberError ?? errors.corporateNumber}
        />
        <TextInput
          label={t('organizations.fields.phone')}
          type="tel"
          value={draft.phone}
          onChange={(e) => set('phone', e.currentTarget.value)}
          error={errors.phone}
        />
        <Select
          label={t('organizations.fields.prefecture')}
          searchable
          clearable
          data={prefectureOptions(i18n.language)}
          value={draft.prefectureCode}
          onChange={(v) => set('prefectureCode', v)}
          error={errors.prefectureCode}
        />
        <TextInput
          label={t('organizations.fields.address')}
          value={draft.address}
          onChange={(e) => set('address', e.currentTarget.value)}
          error={errors.address}
        />
        <Select
          label={t('organizations.fields.industry')}
          searchable
          clearable
          data={industryOptions(i18n.language)}
          value={draft.industryCode}
          onChange={(v) => {
            set('industryCode', v);
            // A finer code belongs to its major group.
            set('industrySubcode', null);
          }}
          error={errors.industryCode}
        />
        {(draft.industrySubcode ||
          finerIndustryCodeMatters({
            industryCode: draft.industryCode,
            employees: typeof draft.employees === 'number' ? draft.employees : null,
            capitalYen: typeof draft.capitalYen === 'number' ? draft.capitalYen : null,
          })) && (
          <Select
            label={t('organizations.fields.industrySubcode')}
            description={t('organizations.industrySubcodeHint')}
            clearable
            data={industrySubcodeChoices(draft.industryCode).map((g) => ({
              value: g.code,
              label: `${g.code} ${i18n.language === 'en' ? g.labelEn : g.labelJa}`,
            }))}
            value={draft.industrySubcode}
            onChange={(v) => set('industrySubcode', v)}
            error={errors.industrySubcode}
          />
        )}
        <Select
          label={t('organizations.fields.smeSector')}
          description={t('organizations.smeSectorHint')}
          clearable
          placeholder={t('organizations.smeSectorAuto')}
          data={SME_SECTORS.map((s) => ({ value: s, label: t(`organizations.smeSectors.${s}`) }))}
          value={draft.smeSector}
          onChange={(v) => set('smeSector', v)}
          error={errors.smeSector}
        />
        <NumberInput
          label={t('organizations.fields.capital')}
          min={0}
          thousandSeparator=","
          value={draft.capitalYen}
          onChange={(v) => set('capitalYen', v)}
          error={errors.capitalYen}
        />
        <NumberInput
          label={t('organizations.fields.employees')}
          min={0}
          value={draft.employees}
          onChange={(v) => set('employees', v)}
          error={errors.employees}
        />
        <Select
          label={t('organizations.fields.teleworkStatus')}
          description={
            teleworkStatusChangedAt
              ? t('organizations.teleworkChangedAt', {
                  at: formatDateTime(teleworkStatusChangedAt, i18n.language),
                })
              : undefined
          }
          allowDeselect={false}
          data={TELEWORK_STATUSES.map((s) => ({
            value: s,
            label: t(`organizations.teleworkStatuses.${s}`),
          }))}
          value={draft.teleworkStatus}
          onChange={(v) => v && set('teleworkStatus', v)}
          error={errors.teleworkStatus}
        />
        <Checkbox
          mt="xl"
          label={t('organizations.fields.chamberMember')}
          checked={draft.chamberMember}
          onChange={(e) => set('chamberMember', e.currentTarget.checked)}
        />
      </SimpleGrid>
      {reason !== null && (
        <TextInput
          mt="sm"
          label={t('organizations.fields.teleworkStatusReason')}
          description={t('organizations.teleworkReasonRequired')}
          required
          value={reason}
          onChange={(e) => onReasonChange(e.currentTarget.value)}
          error={errors.teleworkStatusReason}
        />
      )}
      <Textarea
        mt="sm"
        label={t('organizations.fields.notes')}
        autosize
        minRows={2}
        value={draft.notes}
        onChange={(e) => set('notes', e.currentTarget.value)}
        error={errors.notes}
      />
    </Fieldset>
  );
}
