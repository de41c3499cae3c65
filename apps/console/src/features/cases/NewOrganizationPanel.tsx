import { INDUSTRIES, industrySubcodeChoices, PREFECTURES } from '@madoguchi/domain';
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
import type { NewOrganization } from './intake-draft';

interface Props {
  value: NewOrganization;
  onChange: (value: NewOrganization) => void;
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
 * one, or say why this is a different organization. It asks for what the organization page
 * holds and the SME verdict needs (industry down to the finer code, head count, capital), so
 * the call does not end with a second trip to that page.
 */
export function NewOrganizationPanel({
  value,
  onChange,
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
            error={errors['organization.nameKana']}
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
            // A finer code belongs to its major group.
            onChange={(v) => onChange({ ...value, industryCode: v ?? '', industrySubcode: '' })}
            error={errors['organization.industryCode']}
          />
          {value.industryCode && (
            <Select
              label={t('organizations.fields.industrySubcode')}
              description={t('cases.industrySubcodeHint')}
              searchable
              clearable
              data={industrySubcodeChoices(value.industryCode).map((g) => ({
                value: g.code,
                label: `${g.code} ${ja ? g.labelJa : g.labelEn}`,
              }))}
              value={value.industrySubcode || null}
              onChange={(v) => onChange({ ...value, industrySubcode: v ?? '' })}
              error={errors['organization.industrySubcode']}
            />
          )}
          <TextInput
            label={t('organizations.fields.address')}
            value={value.address}
            onChange={(e) => onChange({ ...value, address: e.currentTarget.value })}
            error={errors['organization.address']}
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
            allowDecimal={false}
            allowNegative={false}
            value={value.employees}
            onChange={(v) => onChange({ ...value, employees: v })}
            error={errors['organization.employees']}
          />
          <NumberInput
            label={t('organizations.fields.capital')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            value={value.capitalYen}
            onChange={(v) => onChange({ ...value, capitalYen: v })}
            error={errors['organization.capitalYen']}
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
