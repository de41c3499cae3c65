import { SIZE_BANDS } from '@madoguchi/domain';
import { Checkbox, Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FiscalYearPicker } from '../../../components/FiscalYearPicker';
import { industryOptions, prefectureOptions } from '../../../lib/labels';
import { useDeskOptions } from '../../reports/api/use-reports';
import type { CandidatesQuery } from '../api/use-awards';

const SIZE_BAND_CODES = [...SIZE_BANDS, 'unknown'] as const;

/** Fiscal year, region (desk or prefecture), size band, industry and "marked only". */
export function CandidateFilters({
  query,
  onChange,
}: {
  query: CandidatesQuery;
  onChange: (query: CandidatesQuery) => void;
}) {
  const { t, i18n } = useTranslation();
  const desks = useDeskOptions();
  const set = (patch: Partial<CandidatesQuery>) => onChange({ ...query, ...patch });

  return (
    <Group align="flex-end" role="group" aria-label={t('awards.filters')}>
      <FiscalYearPicker
        label={t('awards.fiscalYear')}
        value={query.fiscalYear}
        onChange={(fiscalYear) => set({ fiscalYear })}
      />
      <Select
        label={t('awards.desk')}
        clearable
        w={170}
        data={(desks.data ?? []).map((d) => ({
          value: d.id,
          label: i18n.language === 'en' ? d.nameEn : d.nameJa,
        }))}
        value={query.deskId ?? null}
        onChange={(v) => set({ deskId: v ?? undefined })}
      />
      <Select
        label={t('awards.prefecture')}
        clearable
        searchable
        w={150}
        data={prefectureOptions(i18n.language)}
        value={query.prefectureCode ?? null}
        onChange={(v) => set({ prefectureCode: v ?? undefined })}
      />
      <Select
        label={t('awards.sizeBand')}
        clearable
        w={150}
        data={SIZE_BAND_CODES.map((code) => ({
          value: code,
          label: t(`reports.sizeBands.${code}`),
        }))}
        value={query.sizeBand ?? null}
        onChange={(v) => set({ sizeBand: (v ?? undefined) as CandidatesQuery['sizeBand'] })}
      />
      <Select
        label={t('awards.industry')}
        clearable
        searchable
        w={220}
        data={industryOptions(i18n.language)}
        value={query.industryCode ?? null}
        onChange={(v) => set({ industryCode: v ?? undefined })}
      />
      <Checkbox
        label={t('awards.onlyMarked')}
        checked={query.onlyMarked ?? false}
        onChange={(e) => set({ onlyMarked: e.currentTarget.checked || undefined })}
        mb={8}
      />
    </Group>
  );
}
