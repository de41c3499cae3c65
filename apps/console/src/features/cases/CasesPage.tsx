import { CASE_STATUSES, CHANNELS, PREFECTURES, TOPIC_CATEGORIES, TOPICS } from '@madoguchi/domain';
import {
  ActionIcon,
  Anchor,
  Button,
  Checkbox,
  Collapse,
  Group,
  Menu,
  Modal,
  Popover,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useHotkeys, useLocalStorage } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../lib/format-date';
import {
  type CaseFilters,
  FILTER_KEYS,
  toListQuery,
  useCaseList,
  useDeleteView,
  useSavedViews,
  useSaveView,
} from './api/use-cases';
import { apiErrorMessage, fieldErrors } from '../../lib/field-errors';
import { ApiError } from '../../lib/api-client';
import type { Schemas } from '@madoguchi/api-client';
import { BulkBar } from './BulkBar';
import { FilterChips } from './FilterChips';
import { useSession } from '../../lib/session';
import { SlaBadge } from './SlaBadge';
import { StatusBadge } from './StatusBadge';
import { useDeskName } from './api/use-transfers';
import { ConsoleForm } from '../../components/ConsoleForm';

const BUILT_IN_VIEWS = ['mine', 'unassigned', 'overdue', 'at_risk', 'incoming'] as const;
/** Columns a person may hide; the case number always shows (it is the row's link). */
const COLUMNS = [
  'receivedAt',
  'organization',
  'subject',
  'channel',
  'status',
  'sla',
  'desk',
] as const;
type Column = (typeof COLUMNS)[number];
/** The list filters that have a control in the collapsible panel. */
const PANEL_FILTERS = ['q', 'status', 'channel', 'topic', 'prefectureCode'] as const;
// One line per cell keeps rows compact: long names are cut and shown whole on hover.
const oneLine = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

/** The case list; its filters live in the URL, so a view can be bookmarked or shared. */
export function CasesPage() {
  const { t, i18n } = useTranslation();
  const deskName = useDeskName();
  const ja = i18n.language === 'ja';
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
  const views = useSavedViews();
  const deleteView = useDeleteView();
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
  const columnLabel = (column: Column): string =>
    column === 'sla' ? t('sla.due') : t(`cases.${column}`);

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
          <Popover position="bottom-end" trapFocus>
            <Popover.Target>
              <Button size="xs" variant="default">
                {t('cases.columns')}
              </Button>
            </Popover.Target>
            <Popover.Dropdown>
              <Stack gap={6} role="group" aria-label={t('cases.columns')}>
                {COLUMNS.map((column) => (
                  <Checkbox
                    key={column}
                    size="xs"
                    label={columnLabel(column)}
                    checked={shows(column)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setHidden((current) =>
                        on ? current.filter((c) => c !== column) : [...current, column],
                      );
                    }}
                  />
                ))}
              </Stack>
            </Popover.Dropdown>
          </Popover>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button size="xs" variant="default">
                {t('cases.savedViews')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {(views.data ?? []).length === 0 && (
                <Menu.Label>{t('cases.noSavedViews')}</Menu.Label>
              )}
              {(views.data ?? []).map((view) => (
                <Menu.Item
                  key={view.id}
                  onClick={() => applyQuery(view.query)}
                  rightSection={
                    <ActionIcon
                      component="span"
                      size="sm"
                      variant="subtle"
                      color="gray"
                      aria-label={t('cases.deleteView', { name: view.name })}
                      onClick={(e) => {
                        e.stopPropagation();
                        deleteView.mutate(view.id);
                      }}
                    >
                      ×
                    </ActionIcon>
                  }
                >
                  {view.name}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item onClick={() => setSaving(true)}>{t('cases.saveView')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
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
      <Collapse in={filtersOpen} id="case-filters">
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
            onChange={(e) => setQ(e.currentTarget.value)}
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
        <Table
          highlightOnHover
          striped
          aria-label={t('cases.list')}
          verticalSpacing={3}
          horizontalSpacing="xs"
          fz="sm"
          style={{ tableLayout: 'fixed' }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}>
                <Checkbox
                  size="xs"
                  aria-label={t('bulk.selectAll')}
                  checked={items.length > 0 && picked.size === items.length}
                  indeterminate={picked.size > 0 && picked.size < items.length}
                  onChange={(e) =>
                    setPicked(new Set(e.currentTarget.checked ? items.map((c) => c.id) : []))
                  }
                />
              </Table.Th>
              <Table.Th w={ja ? 150 : 130}>{t('cases.number')}</Table.Th>
              {shows('receivedAt') && (
                <Table.Th w={ja ? 180 : 200}>{t('cases.receivedAt')}</Table.Th>
              )}
              {shows('organization') && <Table.Th>{t('cases.organization')}</Table.Th>}
              {shows('subject') && <Table.Th>{t('cases.subject')}</Table.Th>}
              {shows('channel') && <Table.Th w={ja ? 90 : 110}>{t('cases.channel')}</Table.Th>}
              {shows('status') && <Table.Th w={ja ? 130 : 150}>{t('cases.status')}</Table.Th>}
              {shows('sla') && <Table.Th w={120}>{t('sla.due')}</Table.Th>}
              {shows('desk') && <Table.Th w={90}>{t('cases.desk')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c, index) => (
              <Table.Tr
                key={c.id}
                aria-selected={index === selected}
                bg={index === selected ? 'indigo.0' : undefined}
                onClick={() => void navigate(`/cases/${c.id}`)}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <Checkbox
                    size="xs"
                    aria-label={t('bulk.select', { number: c.number })}
                    checked={picked.has(c.id)}
                    onChange={() => toggle(c.id)}
                  />
                </Table.Td>
                <Table.Td style={oneLine}>
                  <Anchor component={Link} to={`/cases/${c.id}`} size="sm">
                    {c.number}
                  </Anchor>
                </Table.Td>
                {shows('receivedAt') && (
                  <Table.Td style={oneLine}>{formatDateTime(c.receivedAt, i18n.language)}</Table.Td>
                )}
                {shows('organization') && (
                  <Table.Td style={oneLine} title={c.organizationName}>
                    {c.organizationName}
                  </Table.Td>
                )}
                {shows('subject') && (
                  <Table.Td style={oneLine} title={c.subject}>
                    {c.subject}
                  </Table.Td>
                )}
                {shows('channel') && (
                  <Table.Td style={oneLine}>{t(`cases.channels.${c.channel}`)}</Table.Td>
                )}
                {shows('status') && (
                  <Table.Td style={oneLine}>
                    <StatusBadge status={c.status} />
                  </Table.Td>
                )}
                {shows('sla') && (
                  <Table.Td style={oneLine}>
                    <SlaBadge value={c} />
                    {c.transferToDeskId && (
                      <Text span size="xs" c="dimmed" ml={4}>
                        {t('transfer.toShort', { desk: deskName(c.transferToDeskId) })}
                      </Text>
                    )}
                  </Table.Td>
                )}
                {shows('desk') && <Table.Td style={oneLine}>{deskName(c.deskId)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
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

function SaveViewModal({
  opened,
  onClose,
  query,
}: {
  opened: boolean;
  onClose: () => void;
  query: Schemas['SavedViewQueryDto'];
}) {
  const { t } = useTranslation();
  const save = useSaveView();
  const [name, setName] = useState('');
  const errors = fieldErrors(save.error);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('cases.saveView')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component={ConsoleForm}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ name, query }, { onSuccess: () => (setName(''), onClose()) });
        }}
      >
        <TextInput
          label={t('cases.viewName')}
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={
            errors.name ??
            (save.error instanceof ApiError ? apiErrorMessage(save.error) : undefined)
          }
        />
        <Button type="submit" loading={save.isPending}>
          {t('users.save')}
        </Button>
      </Stack>
    </Modal>
  );
}
