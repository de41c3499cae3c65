import {
  Anchor,
  Badge,
  Button,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../lib/format-date';
import { prefectureName } from '../../lib/labels';
import { useSession } from '../../lib/session';
import { AttendeeCaseCell } from './AttendeeCaseCell';
import { EventPublicSection } from './EventPublicSection';
import {
  type Registration,
  useEvent,
  useMarkAttendance,
  useOpenCase,
  useRegistrations,
} from './api/use-events';

const COUNTS = [
  'registered',
  'waitlisted',
  'cancelled',
  'attended',
  'noShow',
  'casesOpened',
] as const;

/** One event: what and where, its counts, and its registrations with attendance and cases. */
export function EventPage() {
  const id = useParams().id ?? '';
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const event = useEvent(id);
  const registrations = useRegistrations(id);
  const mark = useMarkAttendance(id);
  const openCase = useOpenCase(id);
  // Opening a case is intake: the staff who log cases do it (CASE_WRITERS).
  const opensCases = user?.role === 'operator' || user?.role === 'desk_staff';
  if (event.isPending) {
    return <PageLoader />;
  }
  if (!event.data) {
    return <ErrorAlert error={event.error} />;
  }
  const e = event.data;
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  const items = registrations.data ?? [];
  const attendanceOf = (r: Registration): string => r.attendance ?? 'none';

  return (
    <Stack>
      <Anchor component={Link} to="/events" size="sm">
        {t('events.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{e.title}</Title>
        {e.editable && (
          <Button component={Link} to={`/events/${id}/import`} variant="light">
            {t('events.importAttendees')}
          </Button>
        )}
      </Group>
      <Group gap="xs">
        <Badge variant="outline" color="blue.9">
          {t(`events.kinds.${e.kind}`)}
        </Badge>
        <Badge variant="outline" color="gray.8">
          {e.organizerName ?? t(`events.parties.${e.organizerKind}`)}
        </Badge>
        <Text size="sm">
          {t('events.fiscalYear')} {e.fiscalYear}
        </Text>
      </Group>
      <Text>
        {t('events.when')}: {at(e.startsAt)} – {at(e.endsAt)}
      </Text>
      <Text>
        {t('events.where')}:{' '}
        {[prefectureName(e.prefectureCode, i18n.language), e.venue, e.onlineUrl]
          .filter(Boolean)
          .join(' ')}
      </Text>
      <EventPublicSection event={e} />
      {e.coSponsors.length > 0 && (
        <Text size="sm">
          {t('events.fields.coSponsors')}: {e.coSponsors.join('、')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 3, sm: 6 }} component="dl" m={0} data-testid="event-counts">
        {COUNTS.map((key) => (
          <div key={key}>
            <Text component="dt" size="sm" c="dimmed">
              {t(`events.counts.${key}`)}
            </Text>
            <Text component="dd" m={0} fw={700}>
              {key === 'registered' && e.capacity !== null
                ? `${e.counts.registered} / ${e.capacity}`
                : e.counts[key]}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Title order={3}>{t('events.registrations')}</Title>
      <ErrorAlert error={registrations.error ?? mark.error ?? openCase.error} />
      {registrations.isPending ? null : items.length === 0 ? (
        <Text c="dimmed">{t('events.noRegistrations')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label={t('events.registrations')} data-testid="registrations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('events.attendee')}</Table.Th>
                <Table.Th>{t('events.organization')}</Table.Th>
                <Table.Th>{t('events.contact')}</Table.Th>
                <Table.Th>{t('events.status')}</Table.Th>
                <Table.Th>{t('events.attendance')}</Table.Th>
                <Table.Th>{t('events.case')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id} data-testid="registration">
                  <Table.Td>
                    <Text size="sm">{r.name}</Text>
                    {r.nameKana && (
                      <Text size="xs" c="dimmed">
                        {r.nameKana}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/organizations/${r.organizationId}`} size="sm">
                      {r.organizationName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.email ?? ''}</Text>
                    <Text size="xs" c="dimmed">
                      {r.phone ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`events.statuses.${r.status}`)}</Table.Td>
                  <Table.Td>
                    {r.status === 'registered' && (
                      <SegmentedControl
                        size="xs"
                        disabled={!e.editable}
                        aria-label={t('events.attendanceOf', { name: r.name })}
                        value={attendanceOf(r)}
                        data={[
                          { value: 'none', label: '—' },
                          { value: 'attended', label: t('events.marks.attended') },
                          { value: 'no_show', label: t('events.marks.no_show') },
                        ]}
                        onChange={(v) =>
                          mark.mutate({
                            registrationId: r.id,
                            attendance: v === 'none' ? null : (v as 'attended' | 'no_show'),
                          })
                        }
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <AttendeeCaseCell
                      attendee={r}
                      openCase={openCase}
                      canOpen={opensCases && e.editable && r.status !== 'cancelled'}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
