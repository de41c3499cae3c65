import { TOPIC_CATEGORIES, TOPICS } from '@madoguchi/domain';
import { MultiSelect } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The topics of the call, grouped by category; Enter takes the only topic left by the search. */
export function IntakeTopicsField({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const [search, setSearch] = useState('');
  const options = useMemo(
    () =>
      TOPIC_CATEGORIES.map((category) => ({
        group: ja ? category.labelJa : category.labelEn,
        items: TOPICS.filter((topic) => topic.parent === category.code).map((topic) => ({
          value: topic.code,
          label: `${topic.code} ${ja ? topic.labelJa : topic.labelEn}`,
        })),
      })),
    [ja],
  );
  // As the MultiSelect filters (by label, picked ones hidden): when one topic is left, it is
  // highlighted so that Enter takes it without the arrow keys.
  const matches = options
    .flatMap((g) => g.items)
    .filter(
      (o) =>
        !value.includes(o.value) && o.label.toLowerCase().includes(search.toLowerCase().trim()),
    );
  const onlyOne = search.trim() !== '' && matches.length === 1;
  return (
    <MultiSelect
      label={t('cases.topics')}
      required
      searchable
      hidePickedOptions
      searchValue={search}
      onSearchChange={setSearch}
      selectFirstOptionOnChange={onlyOne}
      data={options}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
