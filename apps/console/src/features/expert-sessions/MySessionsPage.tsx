import { Anchor, Group, SegmentedControl, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDay } from '../../lib/format-date';
import { useSession } from '../../lib/session';
import { useNow } from '../../lib/use-now';
import { type Session, useSessions } from './api/use-sessions';
import { CalendarFeed } from './CalendarFeed';
import { ReportModal } from './ReportModal';
import { SessionTable } from './SessionTable';
import { SessionWeekView } from './SessionWeekView';
import { DAY_MS, tokyoWeekStart } from './tokyo-week';

type View = 'list' | 'week';
// The list reaches back a year; older sessions stay on their cases.
const LIST_WEEKS_BACK = 52;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An expert's own schedule: upcoming and past sessions as a list or a week, the report form
 * for sessions that took place, and a private calendar feed for Outlook or Google Calendar.
 * With `?day=YYYY-MM-DD` (the home page's "sessions today") it lists that Tokyo day's sessions,
 * for the desks as well as the experts.
 */
export function MySessionsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const expert = user?.role === 'expert';
  const [params] = useSearchParams();
  const day = params.get('day');
  const [view, setView] = useState<View>('list');
  const [reporting, setReporting] = useState<Session | null>(null);
  // Only experts write reports; the desks see the sessions.
  const onReport = expert ? setReporting : undefined;

  return (
    <Stack>
      {day && DAY.test(day) ? (
        <SessionDayList day={day} onReport={onReport} />
      ) : (
        <>
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
            <SessionList onReport={onReport} />
          ) : (
            <SessionWeekView onReport={setReporting} />
          )}
        </>
      )}
      {expert && <CalendarFeed />}
      {reporting && <ReportModal session={reporting} onClose={() => setReporting(null)} />}
    </Stack>
  );
}

function SessionList({ onReport }: { onReport?: (s: Session) => void }) {
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

/** One Tokyo day's sessions, in the order they start. */
function SessionDayList({ day, onReport }: { day: string; onReport?: (s: Session) => void }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const start = Date.parse(`${day}T00:00:00+09:00`);
  const sessions = useSessions({
    from: new Date(start).toISOString(),
    to: new Date(start + DAY_MS).toISOString(),
    limit: 500,
  });
  const items = [...(sessions.data ?? [])].sort((a, b) =>
    a.scheduledStart.localeCompare(b.scheduledStart),
  );
  const title = t('sessions.dayTitle', { day: formatDay(day, i18n.language) });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{title}</Title>
        <Anchor component={Link} to="/sessions" size="sm">
          {t('sessions.allSessions')}
        </Anchor>
      </Group>
      <ErrorAlert error={sessions.error} />
      {sessions.isPending ? (
        <PageLoader />
      ) : (
        <SessionTable title={t('sessions.dayTable')} items={items} now={now} onReport={onReport} />
      )}
    </Stack>
  );
}
