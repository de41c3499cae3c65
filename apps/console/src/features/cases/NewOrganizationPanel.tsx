import { INDUSTRIES, PREFECTURES } from '@madoguchi/domain';
import {
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PossibleDuplicate } from '../organizations/api/organization-types';
import { DuplicateCandidates } from './DuplicateCandidates';

export interface NewOrganization {
  name: string;
  nameKana: string;
  prefectureCode: string;
  industryCode: string;
  phone: string;
}

interface Props {
  value: NewOrganization;
  onChange: (value: NewOrganization) => void;
  employees: number | string;
  onEmployeesChange: (value: number | string) => void;
  errors: Record<string, string>;
  /** Opened by saving typed text that was never picked. */
  unpicked: boolean;
  candidates: PossibleDuplicate[];
  onPick: (candidate: PossibleDuplicate) => void;
  overrideReason: string;
  onOverrideReasonChange: (reason: string) => void;
  /** A save was refused for want of a reason. */
  overrideMissing: boolean;
}

/**
 * The organization intake is about to create, with the existing ones it may duplicate: pick
 * one, or say why this is a different organization.
 */
export function NewOrganizationPanel({
  value,
  onChange,
  employees,
  onEmployeesChange,
  errors,
  unpicked,
  candidates,
  onPick,
  overrideReason,
  onOverrideReasonChange,
  overrideMissing,
}: Props) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text fw={600}>{t('cases.newOrganizationTitle')}</Text>
        {unpicked && (
          <Text size="sm" fw={500} role="status">
            {t('cases.unpickedNotice', { name: value.name })}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('cases.orgName')}
            required
            value={value.name}
            onChange={(e) => onChange({ ...value, name: e.currentTarget.value })}
            error={errors['organization.name']}
          />
          <TextInput
            label={t('cases.orgKana')}
            value={value.nameKana}
            onChange={(e) => onChange({ ...value, nameKana: e.currentTarget.value })}
          />
          <Select
            label={t('cases.prefecture')}
            searchable
            clearable
            data={PREFECTURES.map((p) => ({
              value: p.code,
              label: `${p.code} ${ja ? p.nameJa : p.nameEn}`,
            }))}
            value={value.prefectureCode || null}
            onChange={(v) => onChange({ ...value, prefectureCode: v ?? '' })}
            error={errors['organization.prefectureCode']}
          />
          <Select
            label={t('cases.industry')}
            searchable
            clearable
            data={INDUSTRIES.map((i) => ({
              value: i.code,
              label: `${i.code} ${ja ? i.labelJa : i.labelEn}`,
            }))}
            value={value.industryCode || null}
            onChange={(v) => onChange({ ...value, industryCode: v ?? '' })}
          />
          <TextInput
            label={t('cases.phone')}
            type="tel"
            value={value.phone}
            onChange={(e) => onChange({ ...value, phone: e.currentTarget.value })}
            error={errors['organization.phone']}
          />
          <NumberInput
            label={t('cases.employees')}
            min={0}
            value={employees}
            onChange={onEmployeesChange}
          />
        </SimpleGrid>
        {candidates.length > 0 && (
          <>
            <DuplicateCandidates candidates={candidates} onPick={onPick} />
            <Textarea
              label={t('cases.overrideReason')}
              description={t('cases.overrideReasonHint')}
              autosize
              minRows={1}
              maxLength={1000}
              value={overrideReason}
              onChange={(e) => onOverrideReasonChange(e.currentTarget.value)}
              error={
                (overrideMissing && !overrideReason.trim()
                  ? t('cases.overrideReasonRequired')
                  : undefined) ?? errors['organization.duplicateOverrideReason']
              }
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
