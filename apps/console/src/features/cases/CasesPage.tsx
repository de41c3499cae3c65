import { CASE_STATUSES, CHANNELS } from '@madoguchi/domain';
import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../lib/format-date';
import { useCaseList } from './api/use-cases';
import { StatusBadge } from './StatusBadge';

/** The case list; its filters live in the URL, so a view can be bookmarked or shared. */
export function CasesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = {
    q: params.get('q') ?? undefined,
    status: params.get('status') ?? undefined,
    channel: params.get('channel') ?? undefined,
    cursor: params.get('cursor') ?? undefined,
  };
  const list = useCaseList(filters);
  const [q, setQ] = useState(filters.q ?? '');
  const [selected, setSelected] = useState(0);
  const items = list.data?.items ?? [];
  useEffect(() => setSelected(0), [list.data]);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    if (!('cursor' in changes)) {
      next.delete('cursor');
    }
    setParams(next);
  };

  useHotkeys([
    ['j', () => setSelected((i) => Math.min(i + 1, items.length - 1))],
    ['k', () => setSelected((i) => Math.max(i - 1, 0))],
    ['Enter', () => items[selected] && void navigate(`/cases/${items[selected].id}`)],
  ]);

  const exportQuery = new URLSearchParams({ format: 'csv' });
  for (const key of ['q', 'status', 'channel'] as const) {
    if (filters[key]) {
      exportQuery.set(key, filters[key]);
    }
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('cases.list')}</Title>
        <Group>
          <Button
            component="a"
            href={`/api/cases/export?${exportQuery.toString()}`}
            variant="default"
          >
            {t('cases.export')}
          </Button>
          <Button component={Link} to="/intake">
            {t('cases.intake')}
          </Button>
        </Group>
      </Group>
      <Group
        align="flex-end"
        component="form"
        onSubmit={(e) => (e.preventDefault(), update({ q }))}
      >
        <TextInput
          label={t('cases.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Select
          label={t('cases.status')}
          placeholder={t('cases.allStatuses')}
          clearable
          data={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
          value={filters.status ?? null}
          onChange={(v) => update({ status: v })}
        />
        <Select
          label={t('cases.channel')}
          placeholder={t('cases.allChannels')}
          clearable
          data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
          value={filters.channel ?? null}
          onChange={(v) => update({ channel: v })}
        />
      </Group>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('cases.empty')}</Text>
      ) : (
        <Table highlightOnHover striped aria-label={t('cases.list')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cases.number')}</Table.Th>
              <Table.Th>{t('cases.receivedAt')}</Table.Th>
              <Table.Th>{t('cases.organization')}</Table.Th>
              <Table.Th>{t('cases.subject')}</Table.Th>
              <Table.Th>{t('cases.channel')}</Table.Th>
              <Table.Th>{t('cases.status')}</Table.Th>
              <Table.Th>{t('cases.desk')}</Table.Th>
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
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${c.id}`}>
                    {c.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatDateTime(c.receivedAt, i18n.language)}</Table.Td>
                <Table.Td>{c.organizationName}</Table.Td>
                <Table.Td>{c.subject}</Table.Td>
                <Table.Td>{t(`cases.channels.${c.channel}`)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={c.status} />
                </Table.Td>
                <Table.Td>{c.deskId}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        {filters.cursor && (
          <Button variant="default" onClick={() => update({ cursor: null })}>
            {t('cases.first')}
          </Button>
        )}
        {list.data?.nextCursor && (
          <Button variant="default" onClick={() => update({ cursor: list.data.nextCursor })}>
            {t('cases.next')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
