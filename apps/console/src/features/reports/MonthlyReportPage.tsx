import {
  Anchor,
  Button,
  Group,
  type MantineSpacing,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime, formatDay, formatMonth } from '../../lib/format-date';
import {
  type CaseloadDimension,
  type CaseloadRow,
  type ReportQuery,
  useCaseload,
  useFunnel,
  useOutcomes,
  useSessionsReport,
  useSla,
} from './api/use-reports';
import type { BarDimension } from './drill-down';
import './monthly-report.css';
import { MonthSelect } from './components/PeriodSelect';
import { isMonth, monthRange, previousMonth, tokyoToday } from './report-filters';
import { formatPercent, sessionsLabel, useReportLabels } from './use-report-labels';

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
  const outcomeTotal = outcomes.data?.total;
  const known = outcomeTotal
    ? outcomeTotal.adopted + outcomeTotal.planned + outcomeTotal.notAdopted
    : 0;

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
                value={formatPercent(outcomeTotal?.adoptionRatePercent)}
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
            <Block title={t('reports.funnel')}>
              <Table withTableBorder striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('a11y.rowHeader')}</Table.Th>
                    <Table.Th ta="right">{t('reports.cases')}</Table.Th>
                    <Table.Th ta="right">{t('reports.ofPrevious')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(funnel.data?.stages ?? []).map((s, i) => (
                    <Table.Tr key={s.stage}>
                      <Table.Th scope="row" fw={400}>
                        {label('stage', s.stage)}
                      </Table.Th>
                      <Table.Td ta="right">{s.count}</Table.Td>
                      <Table.Td ta="right">
                        {i === 0 ? '—' : formatPercent(s.percentOfPrevious)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Block>
            <Block title={t('reports.sessionsUsed')}>
              {/* Organizations by sessions used, then the sessions by kind: two counts of
                  different things, so two tables with their own headers. */}
              <LabelCountTable
                head={[t('reports.sessions'), t('reports.organizations')]}
                rows={(sessions.data?.organizationsBySessionsUsed ?? []).map((u) => ({
                  key: u.sessions,
                  label: sessionsLabel(t, u.sessions),
                  count: u.organizations,
                }))}
              />
              <LabelCountTable
                mt="xs"
                head={[t('reports.sessionKinds'), t('reports.count')]}
                rows={(sessions.data?.kinds ?? []).map((k) => ({
                  key: k.kind,
                  label: label('kind', k.kind),
                  count: k.sessions,
                }))}
              />
            </Block>
          </SimpleGrid>
          <Block
            title={t('reports.outcomes')}
            note={
              outcomes.data &&
              `${t('reports.adoptionTotal', {
                percent: formatPercent(outcomeTotal?.adoptionRatePercent),
                adopted: outcomeTotal?.adopted ?? 0,
                known,
              })} ${i18n.language === 'en' ? outcomes.data.targets.note : outcomes.data.targets.noteJa}`
            }
          >
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('a11y.rowHeader')}</Table.Th>
                  <Table.Th ta="right">{t('reports.adoptionRate')}</Table.Th>
                  <Table.Th ta="right">{t('reports.closed')}</Table.Th>
                  <Table.Th ta="right">{t('reports.adopted')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(outcomes.data?.byBlock ?? []).map((r) => (
                  <Table.Tr key={r.key}>
                    <Table.Th scope="row" fw={400}>
                      {label('block', r.key)}
                    </Table.Th>
                    <Table.Td ta="right">{formatPercent(r.adoptionRatePercent)}</Table.Td>
                    <Table.Td ta="right">{r.closed}</Table.Td>
                    <Table.Td ta="right">{r.adopted}</Table.Td>
                  </Table.Tr>
                ))}
                {(outcomes.data?.targets.items ?? []).map((x) => (
                  <Table.Tr key={x.code}>
                    <Table.Th scope="row" fw={400}>
                      {t('reports.targetsNote')}: {i18n.language === 'en' ? x.labelEn : x.labelJa}
                    </Table.Th>
                    <Table.Td ta="right">{formatPercent(x.ratePercent)}</Table.Td>
                    <Table.Td />
                    <Table.Td />
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Block>
          <Block title={t('reports.sla')} note={t('reports.slaNote')}>
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('a11y.rowHeader')}</Table.Th>
                  <Table.Th ta="right">{t('reports.metPercent')}</Table.Th>
                  <Table.Th ta="right">{t('reports.count')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...(sla.data?.rows ?? []), ...(sla.data ? [sla.data.total] : [])].map((r) => (
                  <Table.Tr key={`${r.desk}-${r.channel}`}>
                    <Table.Th scope="row" fw={400}>
                      {r.desk === '*'
                        ? t('reports.total')
                        : `${label('desk', r.desk)} ${label('channel', r.channel)}`}
                    </Table.Th>
                    <Table.Td ta="right">{formatPercent(r.metPercent)}</Table.Td>
                    <Table.Td ta="right">{r.clocked}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Block>
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </div>
  );
}

function Block({
  title,
  note,
  children,
}: {
  title: string;
  note?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="report-block">
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      {note && (
        <Text size="xs" c="dimmed" mb={4}>
          {note}
        </Text>
      )}
      {children}
    </section>
  );
}

function CountTable({
  title,
  dimension,
  rows,
  label,
  note,
}: {
  title: string;
  dimension: Extract<CaseloadDimension, BarDimension>;
  rows: CaseloadRow[];
  label: ReturnType<typeof useReportLabels>;
  note?: string;
}) {
  const { t } = useTranslation();
  return (
    <Block title={title} note={note}>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reports.empty')}
        </Text>
      ) : (
        <LabelCountTable
          head={[t('a11y.rowHeader'), t('reports.cases')]}
          rows={rows.map((r) => {
            const value = String(r[dimension] ?? 'unknown');
            return { key: value, label: label(dimension, value), count: r.count };
          })}
        />
      )}
    </Block>
  );
}

/** Labelled counts: a header over the labels and one over the counts. */
function LabelCountTable({
  head,
  rows,
  mt,
}: {
  head: [string, string];
  rows: { key: string; label: string; count: number }[];
  mt?: MantineSpacing;
}) {
  return (
    <Table withTableBorder striped mt={mt}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{head[0]}</Table.Th>
          <Table.Th ta="right">{head[1]}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" fw={400}>
              {r.label}
            </Table.Th>
            <Table.Td ta="right">{r.count}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
