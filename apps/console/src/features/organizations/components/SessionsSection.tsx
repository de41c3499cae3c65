import { Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format-date';
import type { OrganizationView } from '../api/organization-types';
import { useOrganizationSessions } from '../api/use-organizations';

/** The free-session allowance (used / limit), every session, and managers' grants with reasons. */
export function SessionsSection({ organization }: { organization: OrganizationView }) {
  const { t, i18n } = useTranslation();
  const sessions = useOrganizationSessions(organization.id);
  const allowance = organization.sessionAllowance;
  const items = sessions.data ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="org-sessions">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="org-sessions">
          {t('organizations.sections.sessions')}
        </Title>
        <Text size="sm" fw={600} data-testid="org-allowance">
          {t('organizations.allowance', { used: allowance.used, limit: allowance.limit })}
          {' · '}
          {allowance.period === 'fiscal_year' && allowance.fiscalYear !== null
            ? t('organizations.allowanceFiscalYear', { year: allowance.fiscalYear })
            : t('organizations.allowanceLifetime')}
        </Text>
      </Group>
      <ErrorAlert error={sessions.error} />
      {sessions.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('organizations.sessionsNone')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sessions.when')}</Table.Th>
                <Table.Th>{t('organizations.sessionKind')}</Table.Th>
                <Table.Th>{t('sessions.status')}</Table.Th>
                <Table.Th>{t('organizations.expert')}</Table.Th>
                <Table.Th>{t('sessions.case')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{formatDateTime(s.scheduledStart, i18n.language)}</Table.Td>
                  <Table.Td>{t(`sessions.kinds.${s.kind}`)}</Table.Td>
                  <Table.Td>{t(`sessions.statuses.${s.status}`)}</Table.Td>
                  <Table.Td>{s.expertName}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${s.caseId}`}>
                      {s.caseNumber}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={4} size="h5" mt="md" mb="xs">
        {t('sessions.grants')}
      </Title>
      {organization.sessionGrants.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('organizations.grantsNone')}
        </Text>
      ) : (
        <Stack gap={4} data-testid="org-grants">
          {organization.sessionGrants.map((g) => (
            <Text size="sm" key={g.id}>
              {g.reason}
              <Text span size="xs" c="dimmed" ml="xs">
                {t('sessions.grantedBy', {
                  name: g.grantedByName,
                  at: formatDateTime(g.createdAt, i18n.language),
                  fiscalYear: g.fiscalYear,
                })}
              </Text>
            </Text>
          ))}
        </Stack>
      )}
    </Card>
  );
}
