import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { useFunnel } from '../api/use-reports';
import { caseListLink } from '../drill-down';
import { formatPercent, useReportLabels } from '../use-report-labels';
import { ChartCard } from './ChartCard';
import { type ReportProps, hrefs, useBarClick, reportState } from './chart-kit';

export function FunnelCard({ filters, query }: ReportProps) {
  const { t } = useTranslation();
  const label = useReportLabels();
  const barClick = useBarClick();
  const report = useFunnel(query);
  const stages = report.data?.stages ?? [];
  const data = stages.map((s) => ({
    stage: s.stage,
    label: label('stage', s.stage),
    count: s.count,
    // Only the first stage is a plain case filter; sessions and outcomes have none in the list.
    href: s.stage === 'inquiries' ? caseListLink(filters, {}) : null,
  }));
  return (
    <ChartCard
      title={t('reports.funnel')}
      {...hrefs('/api/reports/funnel', query)}
      {...reportState(report)}
      isEmpty={(stages[0]?.count ?? 0) === 0}
      columns={[t('reports.cases'), t('reports.ofPrevious')]}
      rows={stages.map((s, i) => ({
        key: s.stage,
        label: label('stage', s.stage),
        cells: [s.count, i === 0 ? '—' : formatPercent(s.percentOfPrevious)],
        href: data[i]?.href ?? null,
      }))}
    >
      <BarChart
        h={200}
        data={data}
        dataKey="label"
        orientation="vertical"
        yAxisProps={{ width: 110 }}
        series={[{ name: 'count', label: t('reports.cases'), color: 'grape.6' }]}
        barProps={barClick()}
      />
    </ChartCard>
  );
}
