import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { useSurveysReport } from '../api/use-reports';
import { formatPercent, useReportLabels } from '../use-report-labels';
import { ChartCard, type DrillRow } from './ChartCard';
import { type ReportProps, hrefs } from './chart-kit';

const mean = (value: number | null): string => (value === null ? '—' : value.toFixed(2));

/**
 * Satisfaction surveys after expert sessions: response rate and scores, in total and by desk,
 * expert, session kind and fiscal year (the session's). No drill-down: the case list has no
 * survey filter.
 */
export function SurveysCard({ query }: ReportProps) {
  const { t } = useTranslation();
  const label = useReportLabels();
  const report = useSurveysReport(query);
  const data = report.data;
  const row = (key: string, name: string, f: NonNullable<typeof data>['total']): DrillRow => ({
    key,
    label: name,
    cells: [
      f.sent,
      f.answered,
      formatPercent(f.responseRatePercent),
      mean(f.meanOverall),
      mean(f.meanUsefulness),
      formatPercent(f.intendingPercent),
    ],
    href: null,
  });
  return (
    <ChartCard
      title={t('reports.surveys')}
      note={t('reports.surveysNote')}
      {...hrefs('/api/reports/surveys', query)}
      isPending={report.isPending}
      error={report.error}
      isEmpty={(data?.total.sent ?? 0) === 0}
      columns={[
        t('reports.surveySent'),
        t('reports.surveyAnswered'),
        t('reports.surveyRate'),
        t('reports.surveyOverall'),
        t('reports.surveyUsefulness'),
        t('reports.surveyIntending'),
      ]}
      rows={
        data
          ? [
              row('total', t('reports.total'), data.total),
              ...data.byDesk.map((r) => row(`desk-${r.key}`, label('desk', r.key), r)),
              ...data.byExpert.map((r) => row(`expert-${r.key}`, r.name ?? r.key, r)),
              ...data.byKind.map((r) => row(`kind-${r.key}`, label('kind', r.key), r)),
              ...data.byFiscalYear.map((r) => row(`fy-${r.key}`, label('fiscal_year', r.key), r)),
            ]
          : []
      }
    >
      <BarChart
        h={180}
        data={(data?.byKind ?? []).map((k) => ({
          label: label('kind', k.key),
          overall: k.meanOverall ?? 0,
          usefulness: k.meanUsefulness ?? 0,
        }))}
        dataKey="label"
        yAxisProps={{ domain: [0, 5] }}
        series={[
          { name: 'overall', label: t('reports.surveyOverall'), color: 'blue.7' },
          { name: 'usefulness', label: t('reports.surveyUsefulness'), color: 'teal.7' },
        ]}
      />
    </ChartCard>
  );
}
