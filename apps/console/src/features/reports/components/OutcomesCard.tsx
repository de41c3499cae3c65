import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOutcomes } from '../api/use-reports';
import { caseListLink } from '../drill-down';
import { formatPercent, useReportLabels } from '../use-report-labels';
import { ChartCard } from './ChartCard';
import { type ReportProps, EVERY_TICK_AXIS, hrefs, useBarClick, reportState } from './chart-kit';

export function OutcomesCard({ filters, query }: ReportProps) {
  const { t, i18n } = useTranslation();
  const label = useReportLabels();
  const barClick = useBarClick();
  const report = useOutcomes(query);
  const total = report.data?.total;
  const targetLines = (report.data?.targets.items ?? [])
    .filter((x) => x.kind === 'target')
    .sort((a, b) => b.ratePercent - a.ratePercent);
  const closedFilters = { ...filters };
  const byBlock = (report.data?.byBlock ?? []).map((r) => ({
    key: r.key,
    label: label('block', r.key),
    rate: r.adoptionRatePercent,
    row: r,
    // Outcomes are recorded on closing: the drill-down shows that block's closed cases.
    href: caseListLink(closedFilters, { block: r.key, status: 'closed' }),
  }));
  const bySize = (report.data?.bySizeBand ?? []).map((r) => ({
    key: r.key,
    label: label('size_band', r.key),
    rate: r.adoptionRatePercent,
    row: r,
    href: caseListLink(closedFilters, { size_band: r.key, status: 'closed' }),
  }));
  const known = total ? total.adopted + total.planned + total.notAdopted : 0;
  return (
    <ChartCard
      title={t('reports.outcomes')}
      note={
        <>
          {total &&
            t('reports.adoptionTotal', {
              percent: formatPercent(total.adoptionRatePercent),
              adopted: total.adopted,
              known,
            })}{' '}
          {report.data &&
            (i18n.language === 'en' ? report.data.targets.note : report.data.targets.noteJa)}
        </>
      }
      {...hrefs('/api/reports/outcomes', query)}
      {...reportState(report)}
      isEmpty={(total?.closed ?? 0) === 0}
      columns={[
        t('reports.adoptionRate'),
        t('reports.closed'),
        t('reports.adopted'),
        t('reports.planned'),
        t('reports.notAdopted'),
      ]}
      rows={[...byBlock, ...bySize].map((d) => ({
        key: `${d.key}`,
        label: d.label,
        cells: [
          formatPercent(d.rate),
          d.row.closed,
          d.row.adopted,
          d.row.planned,
          d.row.notAdopted,
        ],
        href: d.href,
      }))}
    >
      <BarChart
        h={260}
        className="target-lines"
        data={byBlock}
        dataKey="label"
        unit="%"
        yAxisProps={{ domain: [0, 100] }}
        xAxisProps={EVERY_TICK_AXIS}
        series={[{ name: 'rate', label: t('reports.adoptionRate'), color: 'teal.6' }]}
        referenceLines={targetLines.map((x, i) => ({
          y: x.ratePercent,
          // Short labels (the names are listed under the chart). The targets lie a few points
          // apart, so the highest is labelled above its line and the others below theirs: no two
          // labels share the gap between two lines. (In recharts, "insideBottom" of a horizontal
          // line is above it.)
          label: `${x.ratePercent}%`,
          color: 'red.7',
          labelPosition: i === 0 ? 'insideBottomRight' : 'insideTopRight',
        }))}
        barProps={barClick()}
      />
      <Text size="xs" c="red.9">
        {targetLines
          .map(
            (x) =>
              `${t('reports.targetsNote')}: ${i18n.language === 'en' ? x.labelEn : x.labelJa} ${x.ratePercent}%`,
          )
          .join(' / ')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('reports.outcomesBySize')}
      </Text>
      <BarChart
        h={180}
        data={bySize}
        dataKey="label"
        unit="%"
        yAxisProps={{ domain: [0, 100] }}
        xAxisProps={EVERY_TICK_AXIS}
        series={[{ name: 'rate', label: t('reports.adoptionRate'), color: 'cyan.7' }]}
        barProps={barClick()}
      />
    </ChartCard>
  );
}
