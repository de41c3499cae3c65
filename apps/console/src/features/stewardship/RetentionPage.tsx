import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { ja } from '../../i18n/ja';
import { isKeyOf } from '../../i18n/keys';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import { toastDone } from '../../lib/toast';
import {
  type PseudonymizationRun,
  type RetentionOverview,
  useDryRun,
  useRetention,
  useUpdateRetention,
} from './api/use-stewardship';

/** The retention terms an admin sets, the last pseudonymization run, and a dry run of the next. */
export function RetentionPage() {
  const { t } = useTranslation();
  const retention = useRetention();
  const dryRun = useDryRun();
  return (
    <Stack>
      <Title order={2}>{t('stewardship.title')}</Title>
      <ErrorAlert error={retention.error} />
      {retention.data ? (
        <>
          <PolicyForm key={policyKey(retention.data)} overview={retention.data} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <RunCard id="last-run" title={t('stewardship.lastRun')} run={retention.data.lastRun} />
            <RunCard
              id="last-dry-run"
              title={t('stewardship.lastDryRun')}
              run={retention.data.lastDryRun}
              action={
                <Button
                  variant="light"
                  loading={dryRun.isPending}
                  onClick={() =>
                    dryRun.mutate(undefined, {
                      onSuccess: () => toastDone(t('stewardship.dryRunDone')),
                    })
                  }
                >
                  {t('stewardship.dryRun')}
                </Button>
              }
            />
          </SimpleGrid>
          <ErrorAlert error={dryRun.error} />
        </>
      ) : (
        !retention.error && <PageLoader />
      )}
    </Stack>
  );
}

const policyKey = (overview: RetentionOverview): string =>
  overview.policy.map((p) => `${p.dataClass}:${p.fiscalYears}:${p.updatedAt}`).join(',');

function PolicyForm({ overview }: { overview: RetentionOverview }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateRetention();
  const [years, setYears] = useState<Record<string, number | string>>(() =>
    Object.fromEntries(overview.policy.map((p) => [p.dataClass, p.fiscalYears])),
  );
  const errors = fieldErrors(update.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        terms: overview.policy.map((p) => ({
          dataClass: p.dataClass,
          fiscalYears: Number(years[p.dataClass]),
        })),
      },
      { onSuccess: () => toastDone(t('stewardship.saved')) },
    );
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="retention-policy-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} id="retention-policy-title">
            {t('stewardship.policy')}
          </Title>
          <Text size="sm">{t('stewardship.policyNote')}</Text>
          {update.error && Object.keys(errors).length === 0 && <ErrorAlert error={update.error} />}
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stewardship.dataClass')}</Table.Th>
                <Table.Th>{t('stewardship.fiscalYears')}</Table.Th>
                <Table.Th>{t('stewardship.cutoff')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overview.policy.map((p, i) => (
                <Table.Tr key={p.dataClass}>
                  <Table.Td id={`retention-class-${p.dataClass}`}>
                    {t(`stewardship.classes.${p.dataClass}`)}
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-labelledby={`retention-class-${p.dataClass}`}
                      min={1}
                      max={30}
                      w={120}
                      value={years[p.dataClass]}
                      onChange={(v) => setYears((y) => ({ ...y, [p.dataClass]: v }))}
                      error={errors[`terms.${i}.fiscalYears`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    {t('stewardship.cutoffBefore', {
                      date: formatDateTime(p.cutoff, i18n.language),
                    })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('stewardship.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function CountLabel({ name }: { name: string }) {
  const { t } = useTranslation();
  return isKeyOf(ja.stewardship.countKeys, name)
    ? t(`stewardship.countKeys.${name}`)
    : t('stewardship.otherCount');
}

function RunCard({
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
