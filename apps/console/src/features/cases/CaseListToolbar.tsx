import { ActionIcon, Button, Checkbox, Menu, Popover, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDeleteView, useSavedViews } from './api/use-cases';

/** Columns a person may hide; the case number always shows (it is the row's link). */
export const COLUMNS = [
  'receivedAt',
  'organization',
  'subject',
  'channel',
  'status',
  'sla',
  'desk',
] as const;
export type Column = (typeof COLUMNS)[number];

/** Which columns the list shows: kept per person on this device. */
export function ColumnsPicker({
  hidden,
  onHiddenChange,
}: {
  hidden: Column[];
  onHiddenChange: (update: (current: Column[]) => Column[]) => void;
}) {
  const { t } = useTranslation();
  const shows = (column: Column) => !hidden.includes(column);
  const columnLabel = (column: Column): string =>
    column === 'sla' ? t('sla.due') : t(`cases.${column}`);
  return (
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
                onHiddenChange((current) =>
                  on ? current.filter((c) => c !== column) : [...current, column],
                );
              }}
            />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** The person's saved views: apply one, delete one, or save the current filters as one. */
export function SavedViewsMenu({
  onApply,
  onSave,
}: {
  onApply: (query: Record<string, unknown>) => void;
  onSave: () => void;
}) {
  const { t } = useTranslation();
  const views = useSavedViews();
  const deleteView = useDeleteView();
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button size="xs" variant="default">
          {t('cases.savedViews')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {(views.data ?? []).length === 0 && <Menu.Label>{t('cases.noSavedViews')}</Menu.Label>}
        {(views.data ?? []).map((view) => (
          <Menu.Item
            key={view.id}
            onClick={() => onApply(view.query)}
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
        <Menu.Item onClick={() => onSave()}>{t('cases.saveView')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
