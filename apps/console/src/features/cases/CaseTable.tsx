import type { Column } from './CaseListToolbar';
import type { CaseSummary } from './api/use-cases';
import { Anchor, Checkbox, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../lib/format-date';
import { SlaBadge } from './SlaBadge';
import { StatusBadge } from './StatusBadge';
import { useDeskName } from './api/use-transfers';

// One line per cell keeps rows compact: long names are cut and shown whole on hover.
const oneLine = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

/** One page of cases: j/k moves the selection, x ticks a row for the bulk bar. */
export function CaseTable({
  items,
  selected,
  picked,
  onToggle,
  onPickAll,
  shows,
}: {
  items: CaseSummary[];
  selected: number;
  picked: Set<string>;
  onToggle: (id: string) => void;
  onPickAll: (ids: string[]) => void;
  shows: (column: Column) => boolean;
}) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const deskName = useDeskName();
  const navigate = useNavigate();
  return (
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
              onChange={(e) => onPickAll(e.currentTarget.checked ? items.map((c) => c.id) : [])}
            />
          </Table.Th>
          <Table.Th w={ja ? 150 : 130}>{t('cases.number')}</Table.Th>
          {shows('receivedAt') && <Table.Th w={ja ? 180 : 200}>{t('cases.receivedAt')}</Table.Th>}
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
                onChange={() => onToggle(c.id)}
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
  );
}
