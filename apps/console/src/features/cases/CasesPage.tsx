import { Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useHotkeys, useLocalStorage } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { type CaseFilters, FILTER_KEYS, toListQuery, useCaseList } from './api/use-cases';
import { BulkBar } from './BulkBar';
import { FilterChips } from './FilterChips';
import { useSession } from '../../lib/session';
import { CaseFilterPanel } from './CaseFilterPanel';
import { type Column, ColumnsPicker, SavedViewsMenu } from './CaseListToolbar';
import { CaseTable } from './CaseTable';
import { SaveViewModal } from './SaveViewModal';

const BUILT_IN_VIEWS = ['mine', 'unassigned', 'overdue', 'at_risk', 'incoming'] as const;
/** Columns a person may hide; the case number always shows (it is the row's link). */
const PANEL_FILTERS = ['q', 'status', 'channel', 'topic', 'prefectureCode'] as const;
// One line per cell keeps rows compact: long names are cut and shown whole on hover.

/** The case list; its filters live in the URL, so a view can be bookmarked or shared. */
export function CasesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
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
  const [selected, setSelected] = useState(0);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const items = list.data?.items ?? [];
  // A new page of results clears the keyboard selection and the ticked rows. Adjusted while
  // rendering rather than in an effect, so the old selection is never shown on the new rows.
  const [shown, setShown] = useState(list.data);
  if (shown !== list.data) {
    setShown(list.data);
    setSelected(0);
    setPicked(new Set());
  }

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

  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(id)) {
        next.add(id);
      }
      return next;
    });

  useHotkeys([
    ['x', () => items[selected] && toggle(items[selected].id)],
    ['j', () => setSelected((i) => Math.min(i + 1, items.length - 1))],
    ['k', () => setSelected((i) => Math.max(i - 1, 0))],
    [
      'Enter',
      (event) => {
        // Enter on a focused link or button is that control's own (the skip link, a menu item).
        if ((event.target as Element | null)?.closest('a, button, [role="button"]')) {
          return;
        }
        event.preventDefault();
        if (items[selected]) {
          void navigate(`/cases/${items[selected].id}`);
        }
      },
      { preventDefault: false },
    ],
  ]);

  const exportQuery = new URLSearchParams({ format: 'csv' });
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) {
      exportQuery.set(key, value);
    }
  }
  const { cursor: _cursor, ...savable } = filters;

  const filterCount = PANEL_FILTERS.filter((k) => filters[k]).length;

  return (
    <Stack gap="xs">
      <Group justify="space-between" gap="xs">
        <Group gap="md" wrap="nowrap">
          <Title order={2} size="h3" style={{ whiteSpace: 'nowrap' }}>
            {t('cases.list')}
          </Title>
          <SegmentedControl
            size="xs"
            aria-label={t('cases.views')}
            value={filters.view ?? 'all'}
            onChange={(v) => update({ view: v === 'all' ? null : v })}
            data={[
              { value: 'all', label: t('cases.viewAll') },
              ...BUILT_IN_VIEWS.map((v) => ({ value: v, label: t(`cases.views_.${v}`) })),
            ]}
          />
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant={filtersOpen ? 'light' : 'default'}
            aria-expanded={filtersOpen}
            aria-controls="case-filters"
            onClick={() => setFiltersOpen((o) => !o)}
          >
            {t('cases.filters')}
            {filterCount > 0 ? ` (${filterCount})` : ''}
          </Button>
          <ColumnsPicker hidden={hidden} onHiddenChange={setHidden} />
          <SavedViewsMenu onApply={applyQuery} onSave={() => setSaving(true)} />
          <Button
            size="xs"
            component="a"
            href={`/api/cases/export?${exportQuery.toString()}`}
            variant="default"
          >
            {t('cases.export')}
          </Button>
          <Button size="xs" component={Link} to="/intake">
            {t('cases.intake')}
          </Button>
        </Group>
      </Group>
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
