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
import { useNow } from '../../lib/use-now';
import {
  type Session,
  useCalendarToken,
  useMyExpertProfile,
  useSessions,
} from './api/use-sessions';
import { ReportModal } from './ReportModal';
import { SessionTime } from './SessionsPanel';
import { SessionStatusBadge } from './SessionStatusBadge';
import { SessionSurveyOf } from './SessionSurveyResult';
import { DAY_MS, tokyoDay, tokyoWeekStart } from './tokyo-week';

type View = 'list' | 'week';
// The list reaches back a year; older sessions stay on their cases.
const LIST_WEEKS_BACK = 52;

const isAwaitingReport = (s: Session, now: number) =>
  s.status === 'scheduled' && Date.parse(s.scheduledStart) <= now;

/**
 * An expert's own schedule: upcoming and past sessions as a list or a week, the report form
 * for sessions that took place, and a private calendar feed for Outlook or Google Calendar.
 */
export function MySessionsPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('list');
  const [reporting, setReporting] = useState<Session | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('sessions.mine')}</Title>
        <SegmentedControl
          aria-label={t('sessions.view')}
          value={view}
          onChange={(value) => setView(value as View)}
          data={[
            { value: 'list', label: t('sessions.listView') },
            { value: 'week', label: t('sessions.weekView') },
          ]}
        />
      </Group>
      {view === 'list' ? (
        <SessionList onReport={setReporting} />
      ) : (
        <WeekView onReport={setReporting} />
      )}
      <CalendarFeed />
      {reporting && <ReportModal session={reporting} onClose={() => setReporting(null)} />}
    </Stack>
  );
}

function SessionList({ onReport }: { onReport: (s: Session) => void }) {
  const { t } = useTranslation();
  const now = useNow();
  // Week-aligned, so the query (and its cache key) stays the same between renders.
  const from = new Date(tokyoWeekStart(now, -LIST_WEEKS_BACK)).toISOString();
  const sessions = useSessions({ from, limit: 500 });
  const items = sessions.data ?? [];
  const upcoming = items
    .filter((s) => s.status === 'scheduled' && Date.parse(s.scheduledEnd) >= now)
    .sort((a, b) => a.scheduledStart.localeCompare(b.scheduledStart));
  const past = items
    .filter((s) => !upcoming.includes(s))
    .sort((a, b) => b.scheduledStart.localeCompare(a.scheduledStart));

  if (sessions.isPending) {
    return <PageLoader />;
  }
  return (
    <Stack>
      <ErrorAlert error={sessions.error} />
      <SessionTable title={t('sessions.upcoming')} items={upcoming} now={now} onReport={onReport} />
      <SessionTable title={t('sessions.past')} items={past} now={now} onReport={onReport} />
    </Stack>
  );
}

function SessionTable({
  title,
  items,
  now,
  onReport,
}: {
  title: string;
  items: Session[];
  now: number;
  onReport: (s: Session) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={3} size="h4">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('sessions.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sessions.when')}</Table.Th>
                <Table.Th>{t('sessions.case')}</Table.Th>
                <Table.Th>{t('sessions.kind')}</Table.Th>
                <Table.Th>{t('sessions.mode')}</Table.Th>
                <Table.Th>{t('sessions.status')}</Table.Th>
                <Table.Th>{t('sessions.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id} data-testid="my-session">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <SessionTime session={s} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${s.caseId}`} size="sm">
                      {s.organizationName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {s.caseNumber}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`sessions.kinds.${s.kind}`)}</Table.Td>
                  <Table.Td>
                    {t(`sessions.modes.${s.mode}`)}
                    {s.location && (
                      <Text size="xs" c="dimmed">
                        {s.location}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <SessionStatusBadge status={s.status} />
                  </Table.Td>
                  <Table.Td>
                    {isAwaitingReport(s, now) && (
                      <Button size="compact-xs" onClick={() => onReport(s)}>
                        {t('sessions.report')}
                      </Button>
                    )}
                    {s.status === 'completed' && <SessionSurveyOf sessionId={s.id} />}
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

/** Seven columns, Monday to Sunday in Tokyo, with the sessions of each day. */
function WeekView({ onReport }: { onReport: (s: Session) => void }) {
  const { t, i18n } = useTranslation();
  const [week, setWeek] = useState(0);
  const now = useNow();
  const start = tokyoWeekStart(now, week);
  const sessions = useSessions({
    from: new Date(start).toISOString(),
    to: new Date(start + 7 * DAY_MS).toISOString(),
    limit: 500,
  });
  const days = Array.from({ length: 7 }, (_, i) => start + i * DAY_MS);
  const today = tokyoDay(now);
  // formatDateTime gives the day the Japanese way; the columns need neither the time nor,
  // under a heading that names the week, the year.
  const dayLabel = (day: number) =>
    formatDateTime(new Date(day), i18n.language).replace(/,?\s\d{2}:\d{2}$/, '');
  const columnLabel = (day: number) => dayLabel(day).replace(/^\d{4}年|\s\d{4}$/, '');
  const time = (s: Session) => formatDateTime(s.scheduledStart, i18n.language).slice(-5);

  return (
    <Stack data-testid="week-view">
      <Group justify="space-between">
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setWeek(week - 1)}>
            {t('sessions.prevWeek')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setWeek(0)} disabled={week === 0}>
            {t('sessions.thisWeek')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setWeek(week + 1)}>
            {t('sessions.nextWeek')}
          </Button>
        </Group>
        <Title order={3} size="h5" aria-live="polite">
          {dayLabel(days[0]!)} – {dayLabel(days[6]!)}
        </Title>
      </Group>
      <ErrorAlert error={sessions.error} />
      <SimpleGrid cols={{ base: 1, sm: 7 }} spacing={4}>
        {days.map((day) => {
          const onDay = (sessions.data ?? [])
            .filter((s) => tokyoDay(s.scheduledStart) === tokyoDay(day))
            .sort((a, b) => a.scheduledStart.localeCompare(b.scheduledStart));
          const isToday = tokyoDay(day) === today;
          return (
            <Paper
              key={day}
              withBorder
              p={6}
              mih={{ base: 0, sm: 180 }}
              component="section"
              aria-label={dayLabel(day)}
              aria-current={isToday ? 'date' : undefined}
              bg={isToday ? 'indigo.0' : undefined}
              data-testid="week-day"
            >
              <Text size="xs" fw={700}>
                {columnLabel(day)}
              </Text>
              <Stack gap={4} mt={4}>
                {onDay.map((s) => (
                  <Card key={s.id} padding={4} withBorder data-testid="week-session">
                    <Text size="xs" fw={600}>
                      {time(s)} {t(`sessions.kinds.${s.kind}`)}
                    </Text>
                    <Anchor component={Link} to={`/cases/${s.caseId}`} size="xs">
                      {s.organizationName}
                    </Anchor>
                    <Group gap={4} mt={2}>
                      <SessionStatusBadge status={s.status} />
                      {isAwaitingReport(s, now) && (
                        <Button size="compact-xs" onClick={() => onReport(s)}>
                          {t('sessions.report')}
                        </Button>
                      )}
                    </Group>
                  </Card>
                ))}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

/** A private iCalendar URL of the expert's sessions; issuing a new one revokes the old. */
function CalendarFeed() {
  const { t } = useTranslation();
  const me = useMyExpertProfile();
  const token = useCalendarToken();
  const expertId = me.data?.id;
  const url = token.data ? `${window.location.origin}${token.data.url}` : null;
  if (!expertId) {
    return <ErrorAlert error={me.error} />;
  }
  return (
    <Card withBorder component="section" aria-labelledby="calendar-feed-title">
      <Title order={3} size="h5" mb="xs" id="calendar-feed-title">
        {t('sessions.feed')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('sessions.feedHint')}
      </Text>
      <Group>
        <Button
          size="xs"
          variant="default"
          loading={token.isPending && token.variables.action === 'create'}
          onClick={() => token.mutate({ expertId, action: 'create' })}
        >
          {t('sessions.feedCreate')}
        </Button>
        <Button
          size="xs"
          variant="outline"
          color="red.9"
          loading={token.isPending && token.variables.action === 'revoke'}
          onClick={() => token.mutate({ expertId, action: 'revoke' })}
        >
          {t('sessions.feedRevoke')}
        </Button>
      </Group>
      {url && (
        <Group mt="xs" gap="xs" align="flex-end">
          <TextInput
            readOnly
            value={url}
            label={t('sessions.feedUrl')}
            description={t('sessions.feedOnce')}
            style={{ flex: 1 }}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button size="sm" onClick={copy}>
                {copied ? t('sessions.copied') : t('sessions.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      )}
      {token.isSuccess && token.data === null && (
        <Text size="sm" mt="xs" role="status">
          {t('sessions.feedRevoked')}
        </Text>
      )}
      <ErrorAlert error={token.error} />
    </Card>
  );
}
