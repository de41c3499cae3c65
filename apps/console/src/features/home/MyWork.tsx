import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNow } from '../../lib/use-now';
import { type MyWork as Work, savedViewHref, useMyWork } from './api/use-my-work';
import { SavedViewCount } from './SavedViewCount';

type Tile = {
  key: 'myOpenCases' | 'overdueFollowUps' | 'incomingTransfers' | 'sessionsToday' | 'slaAtRisk';
  href: string | null;
  urgent?: boolean;
};

/** Today in Tokyo, as the sessions list takes it. */
const tokyoToday = (now: number) => new Date(now + 9 * 3_600_000).toISOString().slice(0, 10);

const tiles = (work: Work, now: number): Tile[] => [
  { key: 'myOpenCases', href: '/cases?view=mine' },
  { key: 'overdueFollowUps', href: '/follow-ups', urgent: true },
  { key: 'incomingTransfers', href: '/cases?view=incoming' },
  { key: 'sessionsToday', href: `/sessions?day=${tokyoToday(now)}` },
  {
    key: 'slaAtRisk',
    href: `/cases?view=at_risk${work.deskId ? `&deskId=${encodeURIComponent(work.deskId)}` : ''}`,
    urgent: true,
  },
];

/** The person's work at a glance: each count opens the list it counts. */
export function MyWork() {
  const { t } = useTranslation();
  const work = useMyWork();
  const now = useNow(60_000);
  if (work.error) {
    return <ErrorAlert error={work.error} />;
  }
  const data = work.data;
  return (
    <Stack gap="sm">
      <Title order={3}>{t('home.work.title')}</Title>
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
        {data &&
          tiles(data, now).map((tile) => {
            const count = data[tile.key];
            const label = t(`home.work.${tile.key}`);
            const body = (
              <>
                <Text size="sm" c="dimmed">
                  {label}
                </Text>
                <Text fz={28} fw={700} c={tile.urgent && count > 0 ? 'red.9' : undefined}>
                  {count}
                </Text>
              </>
            );
            return (
              <Card key={tile.key} withBorder padding="sm" data-testid={`work-${tile.key}`}>
                {/* The label and the figure are the link's name, as they read on screen. */}
                {tile.href ? (
                  <Anchor component={Link} to={tile.href} underline="never" c="inherit">
                    {body}
                  </Anchor>
                ) : (
                  body
                )}
              </Card>
            );
          })}
      </SimpleGrid>
      {data && data.savedViews.length > 0 && (
        <>
          <Title order={3}>{t('home.work.savedViews')}</Title>
          <Group gap="xs">
            {data.savedViews.map((view) => (
              <Anchor key={view.id} component={Link} to={savedViewHref(view.query)}>
                <Group gap={4} wrap="nowrap">
                  <span>{view.name}</span>
                  <SavedViewCount count={view.count} />
                </Group>
              </Anchor>
            ))}
          </Group>
        </>
      )}
    </Stack>
  );
}
