import { Alert, Button, Group, Radio, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type CaseEdit, type EditField, type FieldComparison, formatDuration } from './merge-edit';

type Side = 'theirs' | 'mine';

/**
 * Someone else saved first: each field either side changed, theirs beside mine, with a choice
 * where both changed it; then save the merge or drop the user's edits.
 */
export function EditConflictAlert({
  rows,
  choices,
  onChoose,
  pending,
  onMerge,
  onDiscard,
}: {
  rows: FieldComparison[];
  choices: Partial<Record<EditField, Side>>;
  onChoose: (field: EditField, side: Side) => void;
  pending: boolean;
  onMerge: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const label = (field: EditField) =>
    field === 'callDurationSeconds'
      ? t('cases.callDuration')
      : field === 'callDirection'
        ? t('cases.callDirection')
        : t(`cases.${field}`);
  const show = (field: EditField, v: CaseEdit[EditField]): string =>
    v === null || v === ''
      ? '—'
      : field === 'callDurationSeconds'
        ? formatDuration(v as number)
        : field === 'callDirection'
          ? t(`cases.directions.${v as 'inbound' | 'outbound'}`)
          : Array.isArray(v)
            ? v.join(', ')
            : String(v);

  return (
    <Alert color="yellow" title={t('cases.conflictTitle')} role="alert" data-testid="conflict">
      <Stack gap="xs">
        <Text size="sm">{t('cases.conflictBody')}</Text>
        <Table withTableBorder layout="fixed" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="18%">{t('cases.conflictField')}</Table.Th>
              <Table.Th>{t('cases.conflictTheirs')}</Table.Th>
              <Table.Th>{t('cases.conflictMine')}</Table.Th>
              <Table.Th w="24%">{t('cases.conflictResult')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.field} data-collides={row.collides || undefined}>
                <Table.Td>{label(row.field)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                  {show(row.field, row.theirs)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{show(row.field, row.mine)}</Table.Td>
                <Table.Td>
                  {row.collides ? (
                    <Radio.Group
                      aria-label={t('cases.conflictChoose', { field: label(row.field) })}
                      value={choices[row.field] ?? row.take}
                      onChange={(v) => onChoose(row.field, v as Side)}
                    >
                      <Group gap="xs">
                        <Radio value="theirs" label={t('cases.conflictTakeTheirs')} />
                        <Radio value="mine" label={t('cases.conflictTakeMine')} />
                      </Group>
                    </Radio.Group>
                  ) : (
                    t(row.take === 'mine' ? 'cases.conflictKeptMine' : 'cases.conflictTookTheirs')
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group gap="xs">
          <Button size="xs" loading={pending} onClick={onMerge}>
            {t('cases.mergeSave')}
          </Button>
          <Button size="xs" variant="default" onClick={onDiscard}>
            {t('cases.discardMine')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
