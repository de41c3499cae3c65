import { Anchor, Card, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format-date';
import { useOrganizationCases } from '../api/use-organizations';

/** The organization's cases that the user may see, newest first. */
export function CasesSection({ organizationId }: { organizationId: string }) {
  const { t, i18n } = useTranslation();
  const cases = useOrganizationCases(organizationId);
  const items = cases.data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="org-cases">
      <Title order={3} size="h4" mb="sm" id="org-cases">
        {t('organizations.sections.cases')}
      </Title>
      <ErrorAlert error={cases.error} />
      {cases.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('organizations.casesNone')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.number')}</Table.Th>
                <Table.Th>{t('cases.subject')}</Table.Th>
                <Table.Th>{t('cases.status')}</Table.Th>
                <Table.Th>{t('cases.receivedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${c.id}`}>
                      {c.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.subject}</Table.Td>
                  <Table.Td>{t(`cases.statuses.${c.status}`)}</Table.Td>
                  <Table.Td>{formatDateTime(c.receivedAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {cases.data?.nextCursor && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('organizations.casesMore')}
        </Text>
      )}
    </Card>
  );
}
