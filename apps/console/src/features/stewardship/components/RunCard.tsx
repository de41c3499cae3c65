import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { formatDateTime } from '../../../lib/format-date';
import { type PseudonymizationRun } from '../api/use-stewardship';
import { CountsTable } from './CountsTable';

/** A pseudonymization run (or dry run): when, why, and what it counted. */
export function RunCard({
  id,
  title,
  run,
  action,
}: {
  id: string;
  title: string;
  run: PseudonymizationRun | null;
  action?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} id={`${id}-title`}>
            {title}
          </Title>
          {action}
        </Group>
        {run ? (
          <>
            <Text size="sm">
              {t('stewardship.startedAt')}: {formatDateTime(run.startedAt, i18n.language)}
              {' · '}
              {t('stewardship.trigger')}: {t(`stewardship.triggers.${run.trigger}`)}
            </Text>
            {run.error && (
              <Badge color="red" variant="light">
                {t('stewardship.failed', { message: run.error })}
              </Badge>
            )}
            <CountsTable counts={run.counts} testId={`${id}-counts`} />
            {run.caseIdsSample.length > 0 && (
              <Text size="sm">
                {t('stewardship.sample')}:{' '}
                {run.caseIdsSample.slice(0, 5).map((caseId, i) => (
                  <span key={caseId}>
                    {i > 0 && ', '}
                    <Anchor component={RouterLink} to={`/cases/${caseId}`}>
                      {t('dataSubjects.cases')} {i + 1}
                    </Anchor>
                  </span>
                ))}
              </Text>
            )}
          </>
        ) : (
          <Text size="sm">{t('stewardship.never')}</Text>
        )}
      </Stack>
    </Paper>
  );
}
