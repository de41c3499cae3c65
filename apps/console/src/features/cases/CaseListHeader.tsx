import { Button, Group, SegmentedControl, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CaseFilters, FILTER_KEYS } from './api/use-cases';
import { type Column, ColumnsPicker, SavedViewsMenu } from './CaseListToolbar';

const BUILT_IN_VIEWS = ['mine', 'unassigned', 'overdue', 'at_risk', 'incoming'] as const;

interface Props {
  filters: CaseFilters;
  update: (changes: Record<string, string | null>) => void;
  filtersOpen: boolean;
  onToggleFilters: () => void;
  /** How many of the panel's filters are set, shown on its button. */
  filterCount: number;
  hidden: Column[];
  onHiddenChange: (update: (current: Column[]) => Column[]) => void;
  onApplyView: (query: Record<string, unknown>) => void;
  onSaveView: () => void;
}

/**
 * The case list's title with the built-in views, and its tools: the filter panel's toggle, the
 * columns, saved views, the CSV export of what the filters select, and a new intake.
 */
export function CaseListHeader({
  filters,
  update,
  filtersOpen,
  onToggleFilters,
  filterCount,
  hidden,
  onHiddenChange,
  onApplyView,
  onSaveView,
}: Props) {
  const { t } = useTranslation();
  const exportQuery = new URLSearchParams({ format: 'csv' });
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) {
      exportQuery.set(key, value);
    }
  }
  return (
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
          onClick={onToggleFilters}
        >
          {t('cases.filters')}
          {filterCount > 0 ? ` (${filterCount})` : ''}
        </Button>
        <ColumnsPicker hidden={hidden} onHiddenChange={onHiddenChange} />
        <SavedViewsMenu onApply={onApplyView} onSave={onSaveView} />
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
  );
}
