import { CASE_STATUSES, CHANNELS, PREFECTURES, TOPIC_CATEGORIES, TOPICS } from '@madoguchi/domain';
import { Collapse, Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type CaseFilters } from './api/use-cases';
import { ConsoleForm } from '../../components/ConsoleForm';

/** The filters behind the "filters" button: free text, status, channel, topic, prefecture. */
export function CaseFilterPanel({
  open,
  filters,
  q,
  onQChange,
  update,
}: {
  open: boolean;
  filters: CaseFilters;
  q: string;
  onQChange: (q: string) => void;
  update: (changes: Record<string, string | null>) => void;
}) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  return (
    <Collapse in={open} id="case-filters">
      <Group
        align="flex-end"
        component={ConsoleForm}
        gap="xs"
        onSubmit={(e) => (e.preventDefault(), update({ q }))}
      >
        <TextInput
          size="xs"
          label={t('cases.search')}
          value={q}
          onChange={(e) => onQChange(e.currentTarget.value)}
        />
        <Select
          size="xs"
          label={t('cases.status')}
          placeholder={t('cases.allStatuses')}
          clearable
          data={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
          value={filters.status ?? null}
          onChange={(v) => update({ status: v })}
        />
        <Select
          size="xs"
          label={t('cases.channel')}
          placeholder={t('cases.allChannels')}
          clearable
          data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
          value={filters.channel ?? null}
          onChange={(v) => update({ channel: v })}
        />
        <Select
          size="xs"
          label={t('cases.topics')}
          placeholder={t('cases.allTopics')}
          clearable
          searchable
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
        />
        <Select
          size="xs"
          label={t('cases.prefecture')}
          placeholder={t('cases.allPrefectures')}
          clearable
          searchable
          data={PREFECTURES.map((p) => ({ value: p.code, label: ja ? p.nameJa : p.nameEn }))}
          value={filters.prefectureCode ?? null}
          onChange={(v) => update({ prefectureCode: v })}
        />
      </Group>
    </Collapse>
  );
}
