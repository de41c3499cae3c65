import { BarChart } from '@mantine/charts';
import { CHANNELS } from '@madoguchi/domain';
import { useTranslation } from 'react-i18next';
import { useSla } from '../api/use-reports';
import { caseListLink } from '../drill-down';
import { formatPercent, useReportLabels } from '../use-report-labels';
import { ChartCard } from './ChartCard';
import { type ReportProps, hrefs, useBarClick, reportState, channelSeries } from './chart-kit';

export function SlaCard({ filters, query }: ReportProps) {
  const { t } = useTranslation();
  const label = useReportLabels();
  const barClick = useBarClick();
  const report = useSla(query);
  const rows = report.data?.rows ?? [];
  const desks = [...new Set(rows.map((r) => r.desk))];
  const channels = CHANNELS.filter((c) => rows.some((r) => r.channel === c));
  const data = desks.map((desk) => {
    const row: Record<string, string | number | null> = { desk, label: label('desk', desk) };
    for (const r of rows.filter((x) => x.desk === desk)) {
      row[r.channel] = r.metPercent;
      row[`${r.channel}Href`] = caseListLink(filters, { desk, channel: r.channel });
    }
    return row;
  });
  const total = report.data?.total;
  return (
    <ChartCard
      title={t('reports.sla')}
      note={
        total
          ? `${t('reports.slaTotal', {
              percent: formatPercent(total.metPercent),
              met: total.met,
              breached: total.breached,
              pending: total.pending,
            })} ${t('reports.slaNote')}`
          : t('reports.slaNote')
      }
      {...hrefs('/api/reports/sla', query)}
      {...reportState(report)}
      isEmpty={rows.length === 0}
      columns={[t('reports.metPercent'), t('reports.count')]}
      rows={rows.map((r) => ({
        key: `${r.desk}-${r.channel}`,
        label: `${label('desk', r.desk)} ${label('channel', r.channel)}`,
        cells: [formatPercent(r.metPercent), r.clocked],
        href: caseListLink(filters, { desk: r.desk, channel: r.channel }),
      }))}
    >
      <BarChart
        h={240}
        data={data}
        dataKey="label"
        unit="%"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        yAxisProps={{ domain: [0, 100] }}
        // Eleven desks do not fit side by side: slant the names rather than drop every other.
        xAxisProps={{ interval: 0, angle: -30, textAnchor: 'end', height: 56 }}
        series={channelSeries(channels, label)}
        barProps={(series) => barClick(`${series.name}Href`)}
      />
    </ChartCard>
  );
}
