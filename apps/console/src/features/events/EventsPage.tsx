import { EVENT_KINDS, ORGANIZER_KINDS } from '@madoguchi/domain';
import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FiscalYearPicker } from '../../components/FiscalYearPicker';
import { formatDateTime } from '../../lib/format-date';
import { useSession } from '../../lib/session';
import { type EventQuery, useEvents } from './api/use-events';
import { EventsFunnelCard } from './EventsFunnelCard';

/** The events of a fiscal year, with their seats and how many came; managers see the funnel too. */
export function EventsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [query, setQuery] = useState<EventQuery>({});
  const events = useEvents(query);
  const set = (patch: Partial<EventQuery>) => setQuery((q) => ({ ...q, ...patch }));
  const items = events.data ?? [];
  const readsReports = user?.role === 'manager' || user?.role === 'admin';

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('events.title')}</Title>
        <Button component={Link} to="/events/new">
          {t('events.newEvent')}
        </Button>
      </Group>
      <Group align="flex-end">
        <FiscalYearPicker
          optional
          label={t('events.fiscalYear')}
          value={query.fiscalYear}
          onChange={(fiscalYear) => set({ fiscalYear })}
        />
        <Select
          label={t('events.kind')}
          clearable
          data={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))}
          value={query.kind ?? null}
          onChange={(v) => set({ kind: (v as EventQuery['kind']) ?? undefined })}
        />
        <Select
          label={t('events.party')}
          clearable
          data={ORGANIZER_KINDS.map((k) => ({ value: k, label: t(`events.parties.${k}`) }))}
          value={query.party ?? null}
          onChange={(v) => set({ party: (v as EventQuery['party']) ?? undefined })}
        />
      </Group>
      {readsReports && (
        <EventsFunnelCard
          query={{ fiscalYear: query.fiscalYear, kind: query.kind, party: query.party }}
        />
      )}
      <ErrorAlert error={events.error} />
      {events.isPending ? null : items.length === 0 ? (
        <Text c="dimmed">{t('events.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table aria-label={t('events.title')} data-testid="events-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('events.fields.title')}</Table.Th>
                <Table.Th>{t('events.when')}</Table.Th>
                <Table.Th>{t('events.kind')}</Table.Th>
                <Table.Th>{t('events.party')}</Table.Th>
                <Table.Th>{t('events.seats')}</Table.Th>
                <Table.Th>{t('events.counts.attended')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/events/${e.id}`}>
                      {e.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDateTime(e.startsAt, i18n.language)}</Table.Td>
                  <Table.Td>{t(`events.kinds.${e.kind}`)}</Table.Td>
                  <Table.Td>{e.organizerName ?? t(`events.parties.${e.organizerKind}`)}</Table.Td>
                  <Table.Td>
                    {e.counts.registered} / {e.capacity ?? t('events.noLimit')}
                  </Table.Td>
                  <Table.Td>{e.counts.attended}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
