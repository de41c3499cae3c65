import { CHANNELS, INDUSTRIES, PREFECTURES, TOPIC_CATEGORIES, TOPICS } from '@madoguchi/domain';
import { Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { fieldErrors } from '../../../lib/field-errors';
import { useDeskOptions } from '../api/use-reports';
import { PERIOD_PRESETS, type ReportFilters } from '../report-filters';

/**
 * The filters bar. Every change goes to the URL (the page reads its filters from there), so a
 * view can be bookmarked or sent to a colleague. A 400 from any report names the bad field
 * (details[].field), shown under its input.
 */
export function ReportFiltersBar({ filters, error }: { filters: ReportFilters; error: unknown }) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language !== 'en';
  const [params, setParams] = useSearchParams();
  const desks = useDeskOptions();
  const errors = fieldErrors(error);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    setParams(next, { replace: true });
  };

  return (
    <Group
      align="flex-end"
      gap="sm"
      className="no-print"
      role="search"
      aria-label={t('reports.filters')}
    >
      <Select
        label={t('reports.period')}
        w={150}
        allowDeselect={false}
        data={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`reports.periods.${p}`) }))}
        value={filters.period}
        onChange={(v) =>
          update(
            v === 'custom'
              ? { period: v, from: filters.from ?? null, to: filters.to ?? null }
              : { period: v, from: null, to: null },
          )
        }
      />
      {filters.period === 'custom' && (
        <>
          <TextInput
            type="date"
            label={t('reports.from')}
            value={filters.from ?? ''}
            onChange={(e) => update({ from: e.currentTarget.value })}
            error={errors.from}
          />
          <TextInput
            type="date"
            label={t('reports.to')}
            value={filters.to ?? ''}
            onChange={(e) => update({ to: e.currentTarget.value })}
            error={errors.to}
          />
        </>
      )}
      <Select
        label={t('reports.desk')}
        placeholder={t('reports.allDesks')}
        clearable
        w={170}
        data={(desks.data ?? []).map((d) => ({ value: d.id, label: ja ? d.nameJa : d.nameEn }))}
        value={filters.deskId ?? null}
        onChange={(v) => update({ deskId: v })}
        error={errors.deskId}
      />
      <Select
        label={t('reports.channel')}
        placeholder={t('reports.allChannels')}
        clearable
        w={150}
        data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
        value={filters.channel ?? null}
        onChange={(v) => update({ channel: v })}
        error={errors.channel}
      />
      <Select
        label={t('reports.prefecture')}
        placeholder={t('reports.allPrefectures')}
        clearable
        searchable
        w={150}
        data={PREFECTURES.map((p) => ({ value: p.code, label: ja ? p.nameJa : p.nameEn }))}
        value={filters.prefectureCode ?? null}
        onChange={(v) => update({ prefectureCode: v })}
        error={errors.prefectureCode}
      />
      <Select
        label={t('reports.topic')}
        placeholder={t('reports.allTopics')}
        clearable
        searchable
        w={200}
        data={TOPIC_CATEGORIES.map((category) => ({
          group: ja ? category.labelJa : category.labelEn,
          items: [
            { value: category.code, label: `${category.code} ${t('cases.wholeCategory')}` },
            ...TOPICS.filter((topic) => topic.parent === category.code).map((topic) => ({
              value: topic.code,
              label: `${topic.code} ${ja ? topic.labelJa : topic.labelEn}`,
            })),
          ],
        }))}
        value={filters.topic ?? null}
        onChange={(v) => update({ topic: v })}
        error={errors.topic}
      />
      <Select
        label={t('reports.industry')}
        placeholder={t('reports.allIndustries')}
        clearable
        searchable
        w={190}
        data={INDUSTRIES.map((i) => ({
          value: i.code,
          label: `${i.code} ${ja ? i.labelJa : i.labelEn}`,
        }))}
        value={filters.industryCode ?? null}
        onChange={(v) => update({ industryCode: v })}
        error={errors.industryCode}
      />
      <Select
        label={t('reports.sme')}
        placeholder={t('reports.smeAll')}
        clearable
        w={140}
        data={(['true', 'false', 'unknown'] as const).map((v) => ({
          value: v,
          label: t(`reports.smeValues.${v}`),
        }))}
        value={filters.sme ?? null}
        onChange={(v) => update({ sme: v })}
        error={errors.sme}
      />
    </Group>
  );
}
