import { BarChart } from '@mantine/charts';
import { OPEN_STATUSES } from '@madoguchi/domain';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../../lib/format-date';
import { useBacklog } from '../api/use-reports';
import { caseListLink } from '../drill-down';
import { useReportLabels } from '../use-report-labels';
import { ChartCard } from './ChartCard';
import { type ReportProps, hrefs, useBarClick, reportState } from './chart-kit';

export function BacklogCard({ filters, query }: ReportProps) {
  const { t, i18n } = useTranslation();
  const label = useReportLabels();
  const barClick = useBarClick();
  const report = useBacklog(query, false);
  const rows = report.data?.rows ?? [];
  const open = OPEN_STATUSES.join(',');
  // The case list has no age filter: a bar opens every open case under the same filters.
  const href = (() => {
    const link = caseListLink({ ...filters, from: undefined, to: undefined }, {});
    return link ? `${link}&status=${open}` : null;
  })();
  const data = rows.map((r) => ({ age: r.age, label: label('age', r.age), count: r.count, href }));
  return (
    <ChartCard
      title={t('reports.backlog')}
      note={
        report.data
          ? `${t('reports.backlogAsOf', {
              date: formatDay(report.data.asOf, i18n.language),
              count: report.data.totalOpen,
            })} ${t('reports.backlogNote')}`
          : t('reports.backlogNote')
      }
      {...hrefs('/api/reports/backlog', query)}
      {...reportState(report)}
      isEmpty={(report.data?.totalOpen ?? 0) === 0}
      columns={[t('reports.cases')]}
      rows={data.map((d) => ({ key: d.age, label: d.label, cells: [d.count], href: d.href }))}
    >
      <BarChart
        h={220}
        data={data}
        dataKey="label"
        series={[{ name: 'count', label: t('reports.cases'), color: 'orange.6' }]}
        barProps={barClick()}
      />
    </ChartCard>
  );
}
