import { Anchor, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime, formatDay, formatMonth } from '../../lib/format-date';
import {
  type ReportQuery,
  useCaseload,
  useFunnel,
  useOutcomes,
  useSessionsReport,
  useSla,
} from './api/use-reports';
import { CountTable, Figure } from './components/MonthlyBlocks';
import {
  MonthlyFunnel,
  MonthlyOutcomes,
  MonthlySessions,
  MonthlySla,
} from './components/MonthlySections';
import './monthly-report.css';
import { MonthSelect } from './components/PeriodSelect';
import { isMonth, monthRange, previousMonth, tokyoToday } from './report-filters';
import { formatPercent, useReportLabels } from './use-report-labels';

/**
 * The month's results on one printable A4 page: key figures, caseload by channel, topic and
 * prefecture, the funnel, sessions, outcomes against the reference figures and the SLA. Live
 * figures (a frozen month's are in the results workbook).
 */
export function MonthlyReportPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('month');
  const month = isMonth(raw) ? raw : previousMonth(tokyoToday().slice(0, 7));
  const query = monthRange(month) as ReportQuery;
  const label = useReportLabels();

  useEffect(() => {
    document.body.classList.add('print-report');
    return () => document.body.classList.remove('print-report');
  }, []);

  const byChannel = useCaseload(query, ['channel']);
  const byTopic = useCaseload(query, ['topic2']);
  const byPrefecture = useCaseload(query, ['prefecture']);
  const funnel = useFunnel(query);
  const sessions = useSessionsReport(query);
  const outcomes = useOutcomes(query);
  const sla = useSla(query);
  const all = [byChannel, byTopic, byPrefecture, funnel, sessions, outcomes, sla];
  const error = all.find((q) => q.error)?.error;
  const pending = all.some((q) => q.isPending);

  const total = byChannel.data?.totalCases ?? 0;

  return (
    <Stack className="monthly-report" gap="md">
      <Group justify="space-between" className="no-print">
        <Anchor component={Link} to="/reports" size="sm">
          {t('reports.back')}
        </Anchor>
        <Group align="flex-end">
          <MonthSelect
            label={t('reports.monthLabel')}
            value={month}
            onChange={(next) => setParams({ month: next })}
            error={fieldErrors(error).from}
          />
          <Button onClick={() => window.print()}>{t('reports.print')}</Button>
        </Group>
      </Group>
      <div>
        <Title order={2}>
          {t('reports.monthlyTitle')} {formatMonth(month, i18n.language)}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reports.range', {
            from: formatDay(query.from ?? '', i18n.language),
            to: formatDay(query.to ?? '', i18n.language),
          })}{' '}
          · {t('reports.computedAt', { at: formatDateTime(new Date(), i18n.language) })}
        </Text>
      </div>
      <ErrorAlert error={error} />
      {pending ? (
        <PageLoader />
      ) : error ? null : (
        <>
          <section className="report-block" aria-labelledby="monthly-key">
            <Title order={3} size="h4" id="monthly-key" mb="xs">
              {t('reports.keyFigures')}
            </Title>
            <SimpleGrid cols={4}>
              <Figure label={t('reports.inquiries')} value={total.toLocaleString()} />
              <Figure
                label={t('reports.stages.expert_sessions')}
                value={formatPercent(sessions.data?.referralRatePercent)}
              />
              <Figure
                label={t('reports.adoptionRate')}
                value={formatPercent(outcomes.data?.total.adoptionRatePercent)}
              />
              <Figure
                label={t('reports.metPercent')}
                value={formatPercent(sla.data?.total.metPercent)}
              />
            </SimpleGrid>
          </section>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <CountTable
              title={t('reports.byChannel')}
              dimension="channel"
              rows={byChannel.data?.rows ?? []}
              label={label}
            />
            <CountTable
              title={t('reports.byPrefecture')}
              dimension="prefecture"
              rows={byPrefecture.data?.rows ?? []}
              label={label}
            />
          </SimpleGrid>
          <CountTable
            title={t('reports.byTopic')}
            dimension="topic2"
            rows={byTopic.data?.rows ?? []}
            label={label}
            note={t('reports.caseloadByTopicNote')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MonthlyFunnel funnel={funnel.data} />
            <MonthlySessions sessions={sessions.data} />
          </SimpleGrid>
          <MonthlyOutcomes outcomes={outcomes.data} />
          <MonthlySla sla={sla.data} />
        </>
      )}
    </Stack>
  );
}
