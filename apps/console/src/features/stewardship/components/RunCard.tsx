import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ja } from '../../../i18n/ja';
import { isKeyOf } from '../../../i18n/keys';
import { formatDateTime } from '../../../lib/format-date';
import { type PseudonymizationRun } from '../api/use-stewardship';

/** A run's count by its label, or "other" for a key this console does not know yet. */
export function CountLabel({ name }: { name: string }) {
  const { t } = useTranslation();
  return isKeyOf(ja.stewardship.countKeys, name)
    ? t(`stewardship.countKeys.${name}`)
    : t('stewardship.otherCount');
}

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
  const counts = Object.entries(run?.counts ?? {});
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
            <Table data-testid={`${id}-counts`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('stewardship.countKey')}</Table.Th>
                  <Table.Th>{t('stewardship.counts')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {counts.map(([key, n]) => (
                  <Table.Tr key={key}>
                    <Table.Td>
                      <CountLabel name={key} />
                    </Table.Td>
                    <Table.Td>{n.toLocaleString(i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
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
