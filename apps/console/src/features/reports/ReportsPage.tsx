import '@mantine/charts/styles.css';
import { Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDay } from '../../lib/format-date';
import { type ReportQuery, useFunnel } from './api/use-reports';
import { ExportsPanel } from './components/ExportsPanel';
import { ReportFiltersBar } from './components/ReportFiltersBar';
import { ReportGrid } from './components/ReportGrid';
import { isDay, readReportFilters, reportQuery, tokyoToday } from './report-filters';

/**
 * The reports dashboard for managers and admins. Its filters live in the URL; the charts (and
 * @mantine/charts with recharts) load with this route only, keeping them out of the first load.
 */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const filters = readReportFilters(params, tokyoToday());
  const query = reportQuery(filters) as ReportQuery;
  // One report's 400 names the bad filter for the bar (every report validates the same way).
  const probe = useFunnel(query);

  return (
    <Stack>
      <Group justify="space-between" align="baseline">
        <Title order={2}>{t('reports.title')}</Title>
        {isDay(filters.from) && isDay(filters.to) && (
          <Text c="dimmed" size="sm">
            {t('reports.range', {
              from: formatDay(filters.from, i18n.language),
              to: formatDay(filters.to, i18n.language),
            })}
          </Text>
        )}
      </Group>
      <ReportFiltersBar filters={filters} error={probe.error} />
      <ReportGrid filters={filters} query={query} />
      <ExportsPanel query={query} />
    </Stack>
  );
}
