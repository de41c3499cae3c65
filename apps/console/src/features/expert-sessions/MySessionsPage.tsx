import {
  Anchor,
  Button,
  Card,
  CopyButton,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../lib/format-date';
import {
  type Session,
  useCalendarToken,
  useMyExpertProfile,
  useSessions,
} from './api/use-sessions';
import { ReportModal } from './ReportModal';
import { SessionStatusBadge } from './SessionStatusBadge';

const DAY_MS = 24 * 3600_000;
const TOKYO_MS = 9 * 3600_000;

/** Monday 00:00 JST of the week containing `instant`, shifted by `weeks`. */
const weekStart = (instant: number, weeks: number): number => {
  const tokyo = new Date(instant + TOKYO_MS);
  const weekday = (tokyo.getUTCDay() + 6) % 7;
  const midnight = Date.UTC(tokyo.getUTCFullYear(), tokyo.getUTCMonth(), tokyo.getUTCDate());
  return midnight - TOKYO_MS - weekday * DAY_MS + weeks * 7 * DAY_MS;
};

const ymd = (instant: number): string => new Date(instant + TOKYO_MS).toISOString().slice(0, 10);

/**
 * An expert's own schedule: upcoming and past sessions as a list or a week, the report form
 * for sessions that took place, and a private calendar feed for Outlook or Google Calendar.
 */
export function MySessionsPage() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<'list' | 'week'>('list');
  const [week, setWeek] = useState(0);
  const [reporting, setReporting] = useState<Session | null>(null);
  const sessions = useSessions({ limit: 200 });
  const now = Date.now();
  const items = sessions.data ?? [];
  const upcoming = items
    .filter((s) => Date.parse(s.scheduledEnd) >= now && s.status === 'scheduled')
    .sort((a, b) => a.scheduledStart.localeCompare(b.scheduledStart));
  const past = items
    .filter((s) => !upcoming.includes(s))
    .sort((a, b) => b.scheduledStart.localeCompare(a.scheduledStart));
  const start = weekStart(now, week);
  const days = Array.from({ length: 7 }, (_, i) => start + i * DAY_MS);

  const row = (s: Session) => (
    <Table.Tr key={s.id}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {formatDateTime(s.scheduledStart, i18n.language)}
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/cases/${s.caseId}`}>
          {s.organizationName}
        </Anchor>
        <Text size="xs" c="dimmed">
          {s.caseNumber}
        </Text>
      </Table.Td>
      <Table.Td>{t(`sessions.kinds.${s.kind}`)}</Table.Td>
      <Table.Td>
        {t(`sessions.modes.${s.mode}`)}
        {s.location ? ` · ${s.location}` : ''}
      </Table.Td>
      <Table.Td>
        <SessionStatusBadge status={s.status} />
      </Table.Td>
      <Table.Td>
        {s.status === 'scheduled' && Date.parse(s.scheduledStart) <= now && (
          <Button size="compact-xs" onClick={() => setReporting(s)}>
            {t('sessions.report')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('sessions.mine')}</Title>
        <SegmentedControl
          aria-label={t('sessions.view')}
          value={view}
          onChange={(v) => setView(v as 'list' | 'week')}
          data={[
            { value: 'list', label: t('sessions.listView') },
            { value: 'week', label: t('sessions.weekView') },
          ]}
        />
      </Group>
      <ErrorAlert error={sessions.error} />
      {sessions.isPending ? (
        <PageLoader />
      ) : view === 'list' ? (
        <>
          <Title order={3} size="h4">
            {t('sessions.upcoming')}
          </Title>
          {upcoming.length === 0 ? (
            <Text c="dimmed">{t('sessions.none')}</Text>
          ) : (
            <Table aria-label={t('sessions.upcoming')}>
              <Table.Tbody>{upcoming.map(row)}</Table.Tbody>
            </Table>
          )}
          <Title order={3} size="h4">
            {t('sessions.past')}
          </Title>
          <Table aria-label={t('sessions.past')}>
            <Table.Tbody>{past.map(row)}</Table.Tbody>
          </Table>
        </>
      ) : (
        <Stack>
          <Group>
            <Button size="xs" variant="default" onClick={() => setWeek(week - 1)}>
              {t('sessions.prevWeek')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setWeek(0)}>
              {t('sessions.thisWeek')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setWeek(week + 1)}>
              {t('sessions.nextWeek')}
            </Button>
          </Group>
          <SimpleGrid cols={7} spacing={4} data-testid="week-view">
            {days.map((day) => {
              const onDay = items
                .filter((s) => ymd(Date.parse(s.scheduledStart)) === ymd(day))
                .sort((a, b) => a.scheduledStart.localeCompare(b.scheduledStart));
              return (
                <Paper key={day} withBorder p={6} mih={160}>
                  <Text size="xs" fw={700}>
                    {formatDateTime(new Date(day), i18n.language).replace(/\s\d{2}:\d{2}$/, '')}
                  </Text>
                  <Stack gap={4} mt={4}>
                    {onDay.map((s) => (
                      <Card key={s.id} padding={4} withBorder>
                        <Text size="xs" fw={600}>
                          {formatDateTime(s.scheduledStart, i18n.language).slice(-5)}{' '}
                          {t(`sessions.kinds.${s.kind}`)}
                        </Text>
                        <Anchor component={Link} to={`/cases/${s.caseId}`} size="xs">
                          {s.organizationName}
                        </Anchor>
                      </Card>
                    ))}
                  </Stack>
                </Paper>
              );
            })}
          </SimpleGrid>
        </Stack>
      )}
      <CalendarFeed />
      <ReportModal session={reporting} onClose={() => setReporting(null)} />
    </Stack>
  );
}

/** A private iCalendar URL of the expert's sessions; issuing a new one revokes the old. */
function CalendarFeed() {
  const { t } = useTranslation();
  const me = useMyExpertProfile();
  const token = useCalendarToken(me.data?.id);
  const url = token.data ? `${window.location.origin}${token.data.url}` : null;
  if (!me.data) {
    return null;
  }
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">
        {t('sessions.feed')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('sessions.feedHint')}
      </Text>
      <Group>
        <Button size="xs" variant="default" onClick={() => token.mutate('create')}>
          {t('sessions.feedCreate')}
        </Button>
        <Button size="xs" variant="subtle" color="red" onClick={() => token.mutate('revoke')}>
          {t('sessions.feedRevoke')}
        </Button>
      </Group>
      {url && (
        <Group mt="xs" gap="xs">
          <TextInput readOnly value={url} label={t('sessions.feedUrl')} style={{ flex: 1 }} />
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button size="xs" mt={24} onClick={copy}>
                {copied ? t('sessions.copied') : t('sessions.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      )}
      <ErrorAlert error={token.error} />
    </Card>
  );
}
