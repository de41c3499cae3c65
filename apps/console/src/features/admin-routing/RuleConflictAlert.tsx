import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RoutingRule } from './api/use-routing-rules';
import { RuleSentence } from './RuleSentence';

/**
 * The save met a newer version: what is there now, and the admin's two ways on — take it
 * (reload) or put their own changes on top of it (overwrite), knowingly.
 */
export function RuleConflictAlert({
  latest,
  onReload,
  onOverwrite,
}: {
  latest: RoutingRule | undefined;
  onReload: () => void;
  onOverwrite: (latest: RoutingRule) => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" role="alert" title={t('adminRouting.routing.conflictTitle')}>
      <Stack gap="xs">
        <Text size="sm">{t('adminRouting.routing.conflictBody')}</Text>
        {latest && (
          <Paper withBorder p="xs">
            <Text size="xs" fw={700}>
              {t('adminRouting.routing.conflictLatest')}: {latest.name}
            </Text>
            <RuleSentence rule={latest} />
          </Paper>
        )}
        <Group gap="xs">
          <Button size="xs" onClick={onReload} disabled={!latest}>
            {t('adminRouting.reload')}
          </Button>
          <Button
            size="xs"
            variant="default"
            disabled={!latest}
            onClick={() => latest && onOverwrite(latest)}
          >
            {t('adminRouting.routing.overwrite')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
