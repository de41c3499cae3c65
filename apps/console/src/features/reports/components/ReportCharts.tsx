import { BarChart, DonutChart } from '@mantine/charts';
import { CHANNELS, OPEN_STATUSES } from '@madoguchi/domain';
import {
  ColorSwatch,
  getThemeColor,
  Group,
  SimpleGrid,
  Stack,
  Text,
  useMantineTheme,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDay } from '../../../lib/format-date';
import {
  type CaseloadDimension,
  downloadUrl,
  type ReportPath,
  type ReportQuery,
  useBacklog,
  useCaseload,
  useFunnel,
  useOutcomes,
  useReferralsReport,
  useSessionsReport,
  useSla,
  useSurveysReport,
} from '../api/use-reports';
import { axisLabel } from '../axis-label';
import { caseListLink } from '../drill-down';
import type { ReportFilters } from '../report-filters';
import { formatPercent, sessionsLabel, useReportLabels } from '../use-report-labels';
import { ChartCard, type DrillRow } from './ChartCard';
import '../report-charts.css';

export interface ReportProps {
  filters: ReportFilters;
  query: ReportQuery;
}

const CHANNEL_COLORS: Record<string, string> = {
  phone: 'indigo.6',
  email: 'teal.6',
  web: 'cyan.7',
  walk_in: 'orange.6',
  seminar: 'grape.6',
  chamber_referral: 'lime.8',
};

const SMALL_TICK = { fontSize: 11 };
// A vertical chart's category axis for long names: 170 px holds 26 half-width units at 11 px,
// so recharts never wraps a tick.
const NAME_AXIS = {
  width: 170,
  tickFormatter: (value: string): string => axisLabel(value, 26),
  tick: SMALL_TICK,
};
// A category axis that names every bar, even when recharts would skip some for room.
const EVERY_TICK_AXIS = { interval: 0, tick: SMALL_TICK };

const PALETTE = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.7', 'lime.8', 'pink.6'];

/** Both downloads of a report, for the same filters as the chart. */
function hrefs<P extends ReportPath>(path: P, query: ReportQuery, extra: object = {}) {
  const at = (format: 'csv' | 'xlsx') => downloadUrl(path, { ...query, ...extra, format });
  return { csvHref: at('csv'), xlsxHref: at('xlsx') };
}

/**
 * recharts calls a bar's onClick with the bar's entry, whose payload is our data row; the row
 * carries its drill-down link, so a click is a plain navigation to the filtered case list.
 */
function useBarClick() {
  const navigate = useNavigate();
  return (key = 'href') =>
    ({
      style: { cursor: 'pointer' },
      onClick: (entry: { payload?: unknown }) => {
        const href = (entry.payload as Record<string, unknown> | undefined)?.[key];
        if (typeof href === 'string') {
          void navigate(href);
        }
      },
    }) as const;
}

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
      isPending={report.isPending}
      dataAsOf={report.data?.dataAsOf}
      error={report.error}
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
        series={channels.map((c) => ({
          name: c,
          label: label('channel', c),
          color: CHANNEL_COLORS[c] ?? 'gray.6',
        }))}
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
      isPending={report.isPending}
      dataAsOf={report.data?.dataAsOf}
      error={report.error}
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
      isPending={report.isPending}
      dataAsOf={report.data?.dataAsOf}
      error={report.error}
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
      isPending={report.isPending}
      dataAsOf={report.data?.dataAsOf}
      error={report.error}
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
        series={channels.map((c) => ({
          name: c,
          label: label('channel', c),
          color: CHANNEL_COLORS[c] ?? 'gray.6',
        }))}
        barProps={(series) => barClick(`${series.name}Href`)}
      />
    </ChartCard>
  );
}

export function SessionsCard({ query }: ReportProps) {
  const { t } = useTranslation();
  const label = useReportLabels();
  const report = useSessionsReport(query);
  const used = report.data?.organizationsBySessionsUsed ?? [];
  const kinds = report.data?.kinds ?? [];
  const theme = useMantineTheme();
  const kindSlices = kinds
    .filter((k) => k.sessions > 0)
    .map((k, i) => ({
      name: label('kind', k.kind),
      value: k.sessions,
      color: PALETTE[i % PALETTE.length] ?? 'gray.6',
    }));
  return (
    <ChartCard
      title={t('reports.sessionsUsed')}
      note={
        report.data
          ? `${t('reports.referralRate', {
              percent: formatPercent(report.data.referralRatePercent),
              count: report.data.casesWithSessions,
              total: report.data.cases,
            })} ${t('reports.noDrill')}`
          : undefined
      }
      {...hrefs('/api/reports/sessions', query)}
      isPending={report.isPending}
      dataAsOf={report.data?.dataAsOf}
      error={report.error}
      isEmpty={(report.data?.cases ?? 0) === 0}
      columns={[t('reports.organizations'), t('reports.sessions')]}
      rows={[
        ...used.map((u) => ({
          key: `used-${u.sessions}`,
          label: sessionsLabel(t, u.sessions),
          cells: [u.organizations, ''],
          href: null,
        })),
        ...kinds.map((k) => ({
          key: `kind-${k.kind}`,
          label: label('kind', k.kind),
          cells: ['', k.sessions],
          href: null,
        })),
      ]}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <BarChart
          h={200}
          data={used.map((u) => ({
            label: sessionsLabel(t, u.sessions),
            organizations: u.organizations,
          }))}
          dataKey="label"
          series={[{ name: 'organizations', label: t('reports.organizations'), color: 'teal.6' }]}
        />
        <Stack gap={4} align="center">
          <Text size="xs" c="dimmed">
            {t('reports.sessionKinds')}
          </Text>
          <DonutChart
            size={150}
            thickness={24}
            withLabelsLine={false}
            withLabels
            data={kindSlices}
          />
          {/* The slices carry counts only: the legend names each kind. */}
          <Group gap="sm" justify="center" data-testid="session-kind-legend">
            {kindSlices.map((slice) => (
              <Group gap={4} key={slice.name} wrap="nowrap">
                <ColorSwatch color={getThemeColor(slice.color, theme)} size={10} />
                <Text size="xs">
                  {slice.name} {slice.value}
                </Text>
              </Group>
            ))}
          </Group>
        </Stack>
      </SimpleGrid>
    </ChartCard>
  );
}

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
      isPending={report.isPending}
      dataAsOf={report.data?.dataAsOf}
      error={report.error}
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
      isPending={report.isPending}
      dataAsOf={report.data?.dataAsOf}
      error={report.error}
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
      isPending={report.isPending}
      dataAsOf={report.data?.dataAsOf}
      error={report.error}
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

export function ReportGrid(props: ReportProps) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <CaseloadByMonthCard {...props} />
      <CaseloadByTopicCard {...props} />
      <BacklogCard {...props} />
      <SlaCard {...props} />
      <SessionsCard {...props} />
      <OutcomesCard {...props} />
      <FunnelCard {...props} />
      <ReferralsCard {...props} />
      <SurveysCard {...props} />
    </SimpleGrid>
  );
}

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
