import { Button, SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { toastDone } from '../../lib/toast';
import { type RetentionOverview, useDryRun, useRetention } from './api/use-stewardship';
import { PolicyForm } from './components/PolicyForm';
import { RunCard } from './components/RunCard';

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
