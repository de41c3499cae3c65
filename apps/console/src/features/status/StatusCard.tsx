import { Badge, Card, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-client';
import { apiErrorMessage } from '../../lib/field-errors';
import { useReadiness } from './use-readiness';

export function StatusCard() {
  const { t } = useTranslation();
  const readiness = useReadiness();
  const state = readiness.isPending ? 'checking' : readiness.isSuccess ? 'ready' : 'down';
  return (
    <Card withBorder padding="md" maw={360} aria-live="polite">
      <Group justify="space-between">
        <Text fw={600}>{t('status.title')}</Text>
        <Badge
          color={state === 'ready' ? 'teal.9' : state === 'checking' ? 'gray.7' : 'red.9'}
          variant="outline"
          data-testid="status"
        >
          {t(`status.${state}`)}
        </Badge>
      </Group>
      {readiness.error && (
        <Text size="sm" c="red.8" mt="xs">
          {readiness.error instanceof ApiError
            ? apiErrorMessage(readiness.error)
            : t('errors.network')}
        </Text>
      )}
    </Card>
  );
}
