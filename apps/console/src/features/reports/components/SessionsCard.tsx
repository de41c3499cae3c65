import { BarChart, DonutChart } from '@mantine/charts';
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
import { useSessionsReport } from '../api/use-reports';
import { formatPercent, sessionsLabel, useReportLabels } from '../use-report-labels';
import { ChartCard } from './ChartCard';
import { type ReportProps, PALETTE, hrefs, reportState } from './chart-kit';

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
      {...reportState(report)}
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
