import { BarChart } from '@mantine/charts';
import { CHANNELS } from '@madoguchi/domain';
import { useTranslation } from 'react-i18next';
import { type CaseloadDimension, useCaseload } from '../api/use-reports';
import { caseListLink } from '../drill-down';
import { useReportLabels } from '../use-report-labels';
import { ChartCard, type DrillRow } from './ChartCard';
import {
  type ReportProps,
  NAME_AXIS,
  hrefs,
  useBarClick,
  reportState,
  channelSeries,
} from './chart-kit';

export function CaseloadByMonthCard({ filters, query }: ReportProps) {
  const { t } = useTranslation();
  const label = useReportLabels();
  const barClick = useBarClick();
  const groupBy: CaseloadDimension[] = ['month', 'channel'];
  const report = useCaseload(query, groupBy);
  const rows = report.data?.rows ?? [];
  const months = [...new Set(rows.map((r) => r.month ?? ''))].sort();
  const channels = CHANNELS.filter((c) => rows.some((r) => r.channel === c));
  // One chart row per month; each channel's count and its drill-down link side by side.
  const data = months.map((month) => {
    const row: Record<string, string | number> = { month, label: label('month', month) };
    for (const r of rows.filter((x) => x.month === month)) {
      const channel = r.channel ?? 'unknown';
      row[channel] = r.count;
      row[`${channel}Href`] = caseListLink(filters, { month, channel }) ?? '';
    }
    return row;
  });
  const table: DrillRow[] = rows.map((r) => ({
    key: `${r.month}-${r.channel}`,
    label: `${label('month', r.month ?? '')} ${label('channel', r.channel ?? '')}`,
    cells: [r.count],
    href: caseListLink(filters, { month: r.month, channel: r.channel }),
  }));
  return (
    <ChartCard
      title={t('reports.caseloadByMonth')}
      note={t('reports.drillHint')}
      {...hrefs('/api/reports/caseload', query, { groupBy })}
      {...reportState(report)}
      isEmpty={rows.length === 0}
      columns={[t('reports.cases')]}
      rows={table}
    >
      <BarChart
        h={260}
        data={data}
        dataKey="label"
        type="stacked"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        series={channelSeries(channels, label)}
        barProps={(series) => barClick(`${series.name}Href`)}
      />
    </ChartCard>
  );
}

export function CaseloadByTopicCard({ filters, query }: ReportProps) {
  const { t } = useTranslation();
  const label = useReportLabels();
  const barClick = useBarClick();
  const groupBy: CaseloadDimension[] = ['topic2'];
  const report = useCaseload(query, groupBy);
  const rows = report.data?.rows ?? [];
  const data = rows.map((r) => ({
    topic: r.topic2 ?? 'unknown',
    label: label('topic2', r.topic2 ?? 'unknown'),
    // The axis has room for the name alone; the table under the chart adds the code.
    name: label('topic_name', r.topic2 ?? 'unknown'),
    count: r.count,
    href: caseListLink(filters, { topic2: r.topic2 }),
  }));
  return (
    <ChartCard
      title={t('reports.caseloadByTopic')}
      note={t('reports.caseloadByTopicNote')}
      {...hrefs('/api/reports/caseload', query, { groupBy })}
      {...reportState(report)}
      isEmpty={rows.length === 0}
      columns={[t('reports.cases')]}
      rows={data.map((d) => ({ key: d.topic, label: d.label, cells: [d.count], href: d.href }))}
    >
      <BarChart
        h={Math.max(200, data.length * 26)}
        data={data}
        dataKey="name"
        orientation="vertical"
        yAxisProps={NAME_AXIS}
        series={[{ name: 'count', label: t('reports.cases'), color: 'indigo.6' }]}
        barProps={barClick()}
      />
    </ChartCard>
  );
}
