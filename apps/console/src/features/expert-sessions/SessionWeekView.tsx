import { Anchor, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format-date';
import { useNow } from '../../lib/use-now';
import { type Session, useSessions } from './api/use-sessions';
import { isAwaitingReport } from './SessionTable';
import { SessionStatusBadge } from './SessionStatusBadge';
import { DAY_MS, tokyoDay, tokyoWeekStart } from './tokyo-week';

/** Seven columns, Monday to Sunday in Tokyo, with the sessions of each day. */
export function SessionWeekView({ onReport }: { onReport: (s: Session) => void }) {
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
