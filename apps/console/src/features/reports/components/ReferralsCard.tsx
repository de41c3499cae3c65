import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { useReferralsReport } from '../api/use-reports';
import { ChartCard } from './ChartCard';
import { type ReportProps, NAME_AXIS, hrefs, reportState } from './chart-kit';

export function ReferralsCard({ query }: ReportProps) {
  const { t } = useTranslation();
  const report = useReferralsReport(query);
  const rows = report.data?.rows ?? [];
  const data = rows.map((r) => ({
    key: `${r.programCode}-${r.fiscalYear}`,
    label: `${r.nameJa}(${r.fiscalYear})`,
    cases: r.cases,
  }));
  return (
    <ChartCard
      title={t('reports.referrals')}
      note={
        report.data
          ? `${t('reports.referralsCount', { count: report.data.casesReferred })} ${t('reports.noDrill')}`
          : undefined
      }
      {...hrefs('/api/reports/referrals', query)}
      {...reportState(report)}
      isEmpty={rows.length === 0}
      columns={[t('reports.cases')]}
      rows={data.map((d) => ({ key: d.key, label: d.label, cells: [d.cases], href: null }))}
    >
      <BarChart
        h={Math.max(160, data.length * 30)}
        data={data}
        dataKey="label"
        orientation="vertical"
        yAxisProps={NAME_AXIS}
        series={[{ name: 'cases', label: t('reports.cases'), color: 'indigo.6' }]}
      />
    </ChartCard>
  );
}
