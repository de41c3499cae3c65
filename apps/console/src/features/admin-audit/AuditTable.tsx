import type { Schemas } from '@madoguchi/api-client';
import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format-date';

type AuditEvent = Schemas['AuditEventDto'];

/** What changed (field: from → to) or the event's notes, in one line each. */
function details(event: AuditEvent): string[] {
  const changes = Object.entries(event.changes ?? {}).map(([field, change]) => {
    const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown };
    return `${field}: ${JSON.stringify(from)} → ${JSON.stringify(to)}`;
  });
  const meta = event.meta ? [JSON.stringify(event.meta)] : [];
  return [...changes, ...meta];
}

export function AuditTable({ items }: { items: AuditEvent[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table striped aria-label={t('audit.title')} verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('audit.at')}</Table.Th>
          <Table.Th>{t('audit.actor')}</Table.Th>
          <Table.Th>{t('audit.action')}</Table.Th>
          <Table.Th>{t('audit.entity')}</Table.Th>
          <Table.Th>{t('audit.details')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={5}>{t('audit.empty')}</Table.Td>
          </Table.Tr>
        )}
        {items.map((event) => (
          <Table.Tr key={event.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(event.at, i18n.language)}
            </Table.Td>
            <Table.Td>{event.actorEmail ?? '—'}</Table.Td>
            <Table.Td>
              <Code>{event.action}</Code>
            </Table.Td>
            <Table.Td>
              <Text size="xs">
                {event.entityType}
                {event.entityId ? ` ${event.entityId}` : ''}
              </Text>
            </Table.Td>
            <Table.Td>
              {details(event).map((line) => (
                <Text key={line} size="xs" style={{ wordBreak: 'break-all' }}>
                  {line}
                </Text>
              ))}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
