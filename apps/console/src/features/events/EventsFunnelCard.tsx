import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { type FunnelQuery, useEventsFunnel } from './api/use-events';

const STAGES = ['registrations', 'attended', 'casesOpened', 'firstSession', 'adopted'] as const;

/** Registrations → attended → cases → first session → adopted, for the events filtered. */
export function EventsFunnelCard({ query }: { query: FunnelQuery }) {
  const { t } = useTranslation();
  const funnel = useEventsFunnel(query, true);
  const totals = funnel.data?.totals;
  return (
    <Card withBorder padding="md" data-testid="events-funnel">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('events.funnel.title')}
        </Title>
        <ErrorAlert error={funnel.error} />
        {totals && (
          <Group gap="xl" component="dl" m={0}>
            {STAGES.map((stage) => (
              <Stack key={stage} gap={0}>
                <Text component="dt" size="sm" c="dimmed">
                  {t(`events.funnel.${stage}`)}
                </Text>
                <Text component="dd" m={0} fw={700} size="xl">
                  {totals[stage]}
                </Text>
              </Stack>
            ))}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
