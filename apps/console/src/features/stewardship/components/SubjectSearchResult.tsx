import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { formatDateTime } from '../../../lib/format-date';
import { type DataSubjectSearchResult } from '../api/use-stewardship';

/** What is held about the person, table by table. */
export function SubjectSearchResult({ result }: { result: DataSubjectSearchResult }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const numberOf = new Map(result.cases.map((c) => [c.id, c.number]));
  return (
    <Stack data-testid="subject-search-result">
      <Title order={4}>{t('dataSubjects.found')}</Title>
      <ResultTable
        title={t('dataSubjects.contacts')}
        headers={[
          t('dataSubjects.name'),
          t('dataSubjects.email'),
          t('dataSubjects.phone'),
          t('dataSubjects.organization'),
        ]}
        rows={result.contacts.map((c) => [
          <Group gap="xs" key="name">
            {c.name}
            {c.pseudonymizedAt && <Badge variant="light">{t('dataSubjects.pseudonymized')}</Badge>}
          </Group>,
          c.email ?? '—',
          c.phone ?? '—',
          <Anchor component={RouterLink} to={`/organizations/${c.organizationId}`} key="org">
            {c.organizationName}
          </Anchor>,
        ])}
      />
      <ResultTable
        title={t('dataSubjects.cases')}
        headers={[
          t('dataSubjects.caseNumber'),
          t('dataSubjects.subject'),
          t('dataSubjects.receivedAt'),
        ]}
        rows={result.cases.map((c) => [
          <Group gap="xs" key="number">
            <Anchor component={RouterLink} to={`/cases/${c.id}`}>
              {c.number}
            </Anchor>
            {c.onLegalHold && (
              <Badge color="orange" variant="light">
                {t('dataSubjects.onHold')}
              </Badge>
            )}
          </Group>,
          c.subject,
          when(c.receivedAt),
        ])}
      />
      <ResultTable
        title={t('dataSubjects.mails')}
        headers={[t('dataSubjects.at'), t('dataSubjects.subject'), t('dataSubjects.caseNumber')]}
        rows={result.mails.map((m) => [
          when(m.receivedAt),
          m.subject,
          (m.caseId && numberOf.get(m.caseId)) ?? '—',
        ])}
      />
      <ResultTable
        title={t('dataSubjects.sessions')}
        headers={[t('dataSubjects.at'), t('dataSubjects.caseNumber')]}
        rows={result.sessions.map((s) => [when(s.startsAt), numberOf.get(s.caseId) ?? '—'])}
      />
      <ResultTable
        title={t('dataSubjects.surveys')}
        headers={[t('dataSubjects.at'), t('dataSubjects.caseNumber')]}
        rows={result.surveys.map((s) => [when(s.invitedAt), numberOf.get(s.caseId) ?? '—'])}
      />
      <ResultTable
        title={t('dataSubjects.auditEvents')}
        headers={[t('dataSubjects.at'), t('dataSubjects.action')]}
        rows={result.auditEvents.map((a) => [when(a.at), a.action])}
      />
    </Stack>
  );
}

function ResultTable({
  title,
  headers,
  rows,
}: {
  title: string;
  headers: string[];
  rows: ReactNode[][];
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text fw={700}>
        {title} ({rows.length})
      </Text>
      {rows.length === 0 ? (
        <Text size="sm">{t('dataSubjects.noneFound')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              {headers.map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              <Table.Tr key={i}>
                {row.map((cell, j) => (
                  <Table.Td key={j}>{cell}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
