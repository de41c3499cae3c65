import { Button, Group, Stack, Text } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { type CaseFilters, FILTER_KEYS, toListQuery, useCaseList } from './api/use-cases';
import { BulkBar } from './BulkBar';
import { FilterChips } from './FilterChips';
import { useSession } from '../../lib/session';
import { CaseFilterPanel } from './CaseFilterPanel';
import { CaseListHeader } from './CaseListHeader';
import type { Column } from './CaseListToolbar';
import { CaseTable } from './CaseTable';
import { SaveViewModal } from './SaveViewModal';
import { useCaseSelection } from './use-case-selection';

/** The list filters that have a control in the collapsible panel. */
const PANEL_FILTERS = ['q', 'status', 'channel', 'topic', 'prefectureCode'] as const;

/** The case list; its filters live in the URL, so a view can be bookmarked or shared. */
export function CasesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: CaseFilters = Object.fromEntries(
    [...FILTER_KEYS, 'cursor' as const].flatMap((key) => {
      const value = params.get(key);
      return value ? [[key, value]] : [];
    }),
  );
  const list = useCaseList(filters);
  const { user } = useSession();
  // Kept per person on this device: there is no per-user settings store on the server yet.
  const [hidden, setHidden] = useLocalStorage<Column[]>({
    key: `madoguchi.cases.hiddenColumns.${user?.id ?? 'anonymous'}`,
    defaultValue: [],
    getInitialValueInEffect: false,
  });
  const shows = (column: Column) => !hidden.includes(column);
  const [filtersOpen, setFiltersOpen] = useState(() => PANEL_FILTERS.some((k) => filters[k]));
  const [saving, setSaving] = useState(false);
  const [q, setQ] = useState(filters.q ?? '');
  const { selected, picked, setPicked, toggle } = useCaseSelection(list.data);
  const items = list.data?.items ?? [];

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    if (!('cursor' in changes)) {
      next.delete('cursor');
    }
    setParams(next);
  };
  const applyQuery = (query: Record<string, unknown>) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (Array.isArray(value) && value.length > 0) {
        next.set(key, value.join(','));
      } else if (typeof value === 'string' && value !== '') {
        next.set(key, value);
      }
    }
    setQ(typeof query.q === 'string' ? query.q : '');
    setParams(next);
  };

  const { cursor: _cursor, ...savable } = filters;

  return (
    <Stack gap="xs">
      <CaseListHeader
        filters={filters}
        update={update}
        filtersOpen={filtersOpen}
        onToggleFilters={() => setFiltersOpen((o) => !o)}
        filterCount={PANEL_FILTERS.filter((k) => filters[k]).length}
        hidden={hidden}
        onHiddenChange={setHidden}
        onApplyView={applyQuery}
        onSaveView={() => setSaving(true)}
      />
      <CaseFilterPanel
        open={filtersOpen}
        filters={filters}
        q={q}
        onQChange={setQ}
        update={update}
      />
      <FilterChips
        filters={filters}
        onRemove={(keys) => update(Object.fromEntries(keys.map((k) => [k, null])))}
      />
      <SaveViewModal
        opened={saving}
        onClose={() => setSaving(false)}
        query={toListQuery(savable)}
      />
      {picked.size > 0 && <BulkBar ids={[...picked]} onDone={() => setPicked(new Set())} />}
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('cases.empty')}</Text>
      ) : (
        <CaseTable
          items={items}
          selected={selected}
          picked={picked}
          onToggle={toggle}
          onPickAll={(ids) => setPicked(new Set(ids))}
          shows={shows}
        />
      )}
      <Group>
        {filters.cursor && (
          <Button variant="default" onClick={() => update({ cursor: null })}>
            {t('cases.first')}
          </Button>
        )}
        {list.data?.nextCursor && (
          <Button variant="default" onClick={() => update({ cursor: list.data.nextCursor })}>
            {t('cases.next')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
