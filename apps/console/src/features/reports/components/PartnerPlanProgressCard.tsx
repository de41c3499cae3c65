import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { downloadUrl, type PartnerPlanProgress, usePartnerPlanProgress } from '../api/use-reports';
import { axisLabel } from '../axis-label';
import { formatPercent } from '../use-report-labels';
import { ChartCard } from './ChartCard';
import '../report-charts.css';

const SMALL_TICK = { fontSize: 11 };
const NAME_AXIS = {
  width: 170,
  tickFormatter: (value: string): string => axisLabel(value, 26),
  tick: SMALL_TICK,
};

/**
 * The cooperation plans' progress: per activity, the reported figure and the linked events and
 * referrals as percentages of the target (activities without a target show in the table only).
 */
export function PartnerPlanProgressCard({ fiscalYear }: { fiscalYear: number }) {
  const { t } = useTranslation();
  const report = usePartnerPlanProgress(fiscalYear);
  const activities = report.data?.activities ?? [];
  const party = (p: string) =>
    t(`events.parties.${p as PartnerPlanProgress['activities'][number]['party']}`);
  const charted = activities
    .filter((a) => a.target !== null && a.target > 0)
    .map((a) => ({
      label: `${party(a.party)}: ${a.title}`,
      percent: a.percent ?? 0,
      linkedPercent: a.linkedPercent ?? 0,
    }));
  const at = (format: 'csv' | 'xlsx') =>
    downloadUrl('/api/reports/partner-plans', { fiscalYear, format });
  return (
    <ChartCard
      title={t('partnerPlans.progress.title', { fiscalYear })}
      note={t('partnerPlans.progress.note')}
      csvHref={at('csv')}
      xlsxHref={at('xlsx')}
      isPending={report.isPending}
      dataAsOf={report.data?.dataAsOf}
      error={report.error}
      isEmpty={activities.length === 0}
      columns={[
        t('partnerPlans.fields.target'),
        t('partnerPlans.fields.achieved'),
        t('partnerPlans.percent'),
        t('partnerPlans.linkedEvents'),
        t('partnerPlans.linkedReferrals'),
        t('partnerPlans.linkedPercent'),
      ]}
      rows={activities.map((a) => ({
        key: a.activityId,
        label: `${party(a.party)}${a.partyName ? ` ${a.partyName}` : ''}: ${a.title}`,
        cells: [
          a.target === null ? '—' : `${a.target} ${a.unit}`,
          a.achieved === null ? '—' : `${a.achieved} ${a.unit}`,
          formatPercent(a.percent),
          a.linkedEvents,
          a.linkedReferrals,
          formatPercent(a.linkedPercent),
        ],
        href: null,
      }))}
    >
      <BarChart
        h={Math.max(160, charted.length * 44)}
        data={charted}
        dataKey="label"
        orientation="vertical"
        yAxisProps={NAME_AXIS}
        unit="%"
        series={[
          { name: 'percent', label: t('partnerPlans.percent'), color: 'indigo.6' },
          { name: 'linkedPercent', label: t('partnerPlans.linkedPercent'), color: 'teal.7' },
        ]}
        data-testid="partner-plan-chart"
      />
    </ChartCard>
  );
}
