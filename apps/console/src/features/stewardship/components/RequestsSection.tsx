import { Anchor, Badge, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import { formatDay } from '../../../lib/format-date';
import { toastDone } from '../../../lib/toast';
import {
  type DataSubjectRequest,
  disclosureUrl,
  useDataSubjectRequests,
  useUpdateDataSubjectRequest,
} from '../api/use-stewardship';
import { NewRequestForm } from './NewRequestForm';
import { tokyoDay } from './tokyo-day';

const STATUSES = ['received', 'in_progress', 'answered', 'rejected'] as const;

/** The record of each request, its status, and the form for a new one. */
export function RequestsSection() {
  const { t } = useTranslation();
  const requests = useDataSubjectRequests();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="requests-title">
      <Stack>
        <Title order={3} id="requests-title">
          {t('dataSubjects.requests')}
        </Title>
        <ErrorAlert error={requests.error} />
        {requests.data ? (
          requests.data.items.length === 0 ? (
            <Text size="sm">{t('dataSubjects.noRequests')}</Text>
          ) : (
            <RequestsTable items={requests.data.items} />
          )
        ) : (
          !requests.error && <PageLoader />
        )}
        <NewRequestForm />
      </Stack>
    </Paper>
  );
}

function RequestsTable({ items }: { items: DataSubjectRequest[] }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateDataSubjectRequest();
  return (
    <>
      <ErrorAlert error={update.error} />
      <Table.ScrollContainer minWidth={900}>
        <Table data-testid="data-subject-requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dataSubjects.receivedAt')}</Table.Th>
              <Table.Th>{t('dataSubjects.kind')}</Table.Th>
              <Table.Th>{t('dataSubjects.requesterName')}</Table.Th>
              <Table.Th>{t('dataSubjects.dueOn')}</Table.Th>
              <Table.Th>{t('dataSubjects.status')}</Table.Th>
              <Table.Th>{t('dataSubjects.answeredAt')}</Table.Th>
              <Table.Th>{t('erasure.erasedAt')}</Table.Th>
              <Table.Th>{t('dataSubjects.disclosure')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatDay(tokyoDay(new Date(r.receivedAt)), i18n.language)}</Table.Td>
                <Table.Td>{t(`dataSubjects.kinds.${r.kind}`)}</Table.Td>
                <Table.Td>{r.requesterName}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {formatDay(r.dueOn, i18n.language)}
                    {r.overdue && (
                      <Badge color="red" variant="light">
                        {t('dataSubjects.overdue')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`${t('dataSubjects.status')}: ${r.requesterName}`}
                    data={STATUSES.map((s) => ({
                      value: s,
                      label: t(`dataSubjects.statuses.${s}`),
                    }))}
                    value={r.status}
                    allowDeselect={false}
                    w={200}
                    onChange={(status) =>
                      status &&
                      status !== r.status &&
                      update.mutate(
                        { id: r.id, body: { status: status as (typeof STATUSES)[number] } },
                        { onSuccess: () => toastDone(t('dataSubjects.updated')) },
                      )
                    }
                  />
                </Table.Td>
                <Table.Td>
                  {r.answeredAt ? formatDay(tokyoDay(new Date(r.answeredAt)), i18n.language) : '—'}
                </Table.Td>
                <Table.Td>
                  {r.erasedAt ? formatDay(tokyoDay(new Date(r.erasedAt)), i18n.language) : '—'}
                </Table.Td>
                <Table.Td>
                  {r.kind === 'disclosure' && (
                    <Anchor href={disclosureUrl(r.id)} download>
                      {t('dataSubjects.disclosure')}
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
