import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganizationSearch } from '../api/use-organizations';
import { prefectureName } from '../../../lib/labels';

/** Search-as-you-type choice of another organization (the merge target). */
export function OrganizationPicker({
  excludeId,
  value,
  current,
  onChange,
}: {
  excludeId: string;
  value: string | null;
  /** The chosen organization when it came from elsewhere (the URL), to show its name. */
  current?: { id: string; name: string } | null;
  onChange: (id: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const results = useOrganizationSearch(search);
  const found = (results.data ?? [])
    .filter((o) => o.id !== excludeId)
    .map((o) => ({
      value: o.id,
      label: [o.name, prefectureName(o.prefectureCode, i18n.language), o.corporateNumber]
        .filter(Boolean)
        .join(' · '),
    }));
  // The chosen one stays an option when the text (now its label) no longer finds it.
  const chosen =
    picked?.value === value
      ? picked
      : current && current.id === value
        ? { value: current.id, label: current.name }
        : null;
  const options =
    chosen && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;
  return (
    <Select
      label={t('organizations.merge.pickTarget')}
      placeholder={t('organizations.merge.pickHint')}
      searchable
      clearable
      // The server already matched the text (readings, kana widths), so show every result.
      filter={({ options: all }) => all}
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      value={value}
      onChange={(id, option) => {
        setPicked(id ? option : null);
        onChange(id);
      }}
      nothingFoundMessage={search.trim() ? t('search.nothing') : undefined}
    />
  );
}
