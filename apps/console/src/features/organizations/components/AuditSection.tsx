import { Card, Checkbox, Group, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format-date';
import { useOrganizationAudit } from '../api/use-organizations';

// Reading the contacts is audited too (personal data), but it buries the changes.
const isRead = (action: string) => action.endsWith('.listed') || action.endsWith('.viewed');

const show = (value: unknown): string => {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
};

/** The organization's audit trail (admins and managers only; the API refuses others). */
export function AuditSection({ organizationId }: { organizationId: string }) {
  const { t, i18n } = useTranslation();
  const audit = useOrganizationAudit(organizationId, true);
  const [reads, setReads] = useState(false);
  const items = (audit.data ?? []).filter((e) => reads || !isRead(e.action));
  return (
    <Card withBorder component="section" aria-labelledby="org-audit">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="org-audit">
          {t('organizations.sections.audit')}
        </Title>
        <Checkbox
          size="xs"
          label={t('organizations.auditShowReads')}
          checked={reads}
          onChange={(e) => setReads(e.currentTarget.checked)}
        />
      </Group>
      <ErrorAlert error={audit.error} />
      {audit.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('organizations.auditNone')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="org-audit">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('organizations.auditAt')}</Table.Th>
                <Table.Th>{t('organizations.auditActor')}</Table.Th>
                <Table.Th>{t('organizations.auditAction')}</Table.Th>
                <Table.Th>{t('organizations.auditChanges')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
                  <Table.Td>{e.actorEmail ?? '—'}</Table.Td>
                  <Table.Td>
                    {t(`organizations.auditActions.${e.action.replace('.', '_')}`, {
                      defaultValue: e.action,
                    })}
                  </Table.Td>
                  <Table.Td>
                    {Object.entries(
                      (e.changes ?? {}) as Record<string, { from: unknown; to: unknown }>,
                    ).map(([field, change]) => (
                      <Text size="xs" key={field}>
                        {field}: {show(change.from)} → {show(change.to)}
                      </Text>
                    ))}
                    {typeof e.meta?.reason === 'string' && (
                      <Text size="xs" c="dimmed">
                        {e.meta.reason}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
