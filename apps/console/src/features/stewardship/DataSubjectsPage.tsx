import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { DateField } from '../../components/DateTimeFields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime, formatDay } from '../../lib/format-date';
import { toastDone } from '../../lib/toast';
import {
  type DataSubjectRequest,
  type DataSubjectSearchResult,
  type SubjectQuery,
  disclosureUrl,
  useCreateDataSubjectRequest,
  useDataSubjectRequests,
  useSubjectSearch,
  useUpdateDataSubjectRequest,
} from './api/use-stewardship';

const KINDS = ['disclosure', 'correction', 'stop_of_use', 'erasure'] as const;
const STATUSES = ['received', 'in_progress', 'answered', 'rejected'] as const;
const DAY_MS = 86_400_000;

/** Tokyo's calendar day of an instant, 'YYYY-MM-DD'. */
const tokyoDay = (instant: Date): string =>
  new Date(instant.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

/** Requests from the people in the data (APPI): the record of each, and the search behind an answer. */
export function DataSubjectsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('dataSubjects.title')}</Title>
      <RequestsSection />
      <SearchSection />
    </Stack>
  );
}

function RequestsSection() {
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
      <Table.ScrollContainer minWidth={800}>
        <Table data-testid="data-subject-requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dataSubjects.receivedAt')}</Table.Th>
              <Table.Th>{t('dataSubjects.kind')}</Table.Th>
              <Table.Th>{t('dataSubjects.requesterName')}</Table.Th>
              <Table.Th>{t('dataSubjects.dueOn')}</Table.Th>
              <Table.Th>{t('dataSubjects.status')}</Table.Th>
              <Table.Th>{t('dataSubjects.answeredAt')}</Table.Th>
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

function NewRequestForm() {
  const { t } = useTranslation();
  const create = useCreateDataSubjectRequest();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('disclosure');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [receivedOn, setReceivedOn] = useState(() => tokyoDay(new Date()));
  // APPI asks for an answer without delay; two weeks is the desk's own working target.
  const [dueOn, setDueOn] = useState(() => tokyoDay(new Date(Date.now() + 14 * DAY_MS)));
  const [notes, setNotes] = useState('');
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        kind,
        requesterName: name,
        requesterEmail: email || undefined,
        requesterPhone: phone || undefined,
        receivedAt: receivedOn ? new Date(`${receivedOn}T09:00:00+09:00`).toISOString() : '',
        dueOn,
        notes,
      },
      {
        onSuccess: () => {
          toastDone(t('dataSubjects.created'));
          setName('');
          setEmail('');
          setPhone('');
          setNotes('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-request-title">
      <Stack gap="sm">
        <Title order={4} id="new-request-title">
          {t('dataSubjects.newRequest')}
        </Title>
        {create.error && Object.keys(errors).length === 0 && <ErrorAlert error={create.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <Select
            label={t('dataSubjects.kind')}
            data={KINDS.map((k) => ({ value: k, label: t(`dataSubjects.kinds.${k}`) }))}
            value={kind}
            allowDeselect={false}
            onChange={(v) => v && setKind(v as (typeof KINDS)[number])}
            error={errors.kind}
          />
          <TextInput
            label={t('dataSubjects.requesterName')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.requesterName}
          />
          <TextInput
            label={t('dataSubjects.requesterEmail')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.requesterEmail}
          />
          <TextInput
            label={t('dataSubjects.requesterPhone')}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={errors.requesterPhone}
          />
          <DateField
            label={t('dataSubjects.receivedAt')}
            value={receivedOn}
            onChange={setReceivedOn}
            error={errors.receivedAt}
          />
          <DateField
            label={t('dataSubjects.dueOn')}
            value={dueOn}
            onChange={setDueOn}
            error={errors.dueOn}
          />
        </SimpleGrid>
        <Textarea
          label={t('dataSubjects.notes')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.notes}
          autosize
          minRows={2}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('dataSubjects.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SearchSection() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [query, setQuery] = useState<SubjectQuery | null>(null);
  const search = useSubjectSearch(query);
  const errors = fieldErrors(search.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery({
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(name.trim() ? { name: name.trim() } : {}),
    });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="subject-search-title">
      <Stack>
        <Title order={3} id="subject-search-title">
          {t('dataSubjects.search')}
        </Title>
        <Text size="sm">{t('dataSubjects.searchNote')}</Text>
        <form onSubmit={submit} noValidate role="search" aria-labelledby="subject-search-title">
          <Group align="flex-start">
            <TextInput
              label={t('dataSubjects.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
            />
            <TextInput
              label={t('dataSubjects.phone')}
              type="tel"
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              error={errors.phone}
            />
            <TextInput
              label={t('dataSubjects.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            <Button type="submit" mt={24} loading={search.isFetching}>
              {t('dataSubjects.find')}
            </Button>
          </Group>
        </form>
        {search.error && Object.keys(errors).length === 0 && <ErrorAlert error={search.error} />}
        {search.data && <SearchResult result={search.data} />}
      </Stack>
    </Paper>
  );
}

function SearchResult({ result }: { result: DataSubjectSearchResult }) {
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
