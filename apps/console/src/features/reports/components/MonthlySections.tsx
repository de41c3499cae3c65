import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FunnelReport, OutcomesReport, SessionsReport, SlaReport } from '../api/use-reports';
import { formatPercent, sessionsLabel, useReportLabels } from '../use-report-labels';
import { Block, LabelCountTable } from './MonthlyBlocks';

// The monthly page's tables of the funnel, sessions, outcomes and SLA, one component each.

/** Each stage of the funnel with its share of the one before. */
export function MonthlyFunnel({ funnel }: { funnel: FunnelReport | undefined }) {
  const { t } = useTranslation();
  const label = useReportLabels();
  return (
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
          {(funnel?.stages ?? []).map((s, i) => (
            <Table.Tr key={s.stage}>
              <Table.Th scope="row" fw={400}>
                {label('stage', s.stage)}
              </Table.Th>
              <Table.Td ta="right">{s.count}</Table.Td>
              <Table.Td ta="right">{i === 0 ? '—' : formatPercent(s.percentOfPrevious)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Block>
  );
}

/** Organizations by sessions used, and sessions by kind. */
export function MonthlySessions({ sessions }: { sessions: SessionsReport | undefined }) {
  const { t } = useTranslation();
  const label = useReportLabels();
  return (
    <Block title={t('reports.sessionsUsed')}>
      {/* Organizations by sessions used, then the sessions by kind: two counts of
          different things, so two tables with their own headers. */}
      <LabelCountTable
        head={[t('reports.sessions'), t('reports.organizations')]}
        rows={(sessions?.organizationsBySessionsUsed ?? []).map((u) => ({
          key: u.sessions,
          label: sessionsLabel(t, u.sessions),
          count: u.organizations,
        }))}
      />
      <LabelCountTable
        mt="xs"
        head={[t('reports.sessionKinds'), t('reports.count')]}
        rows={(sessions?.kinds ?? []).map((k) => ({
          key: k.kind,
          label: label('kind', k.kind),
          count: k.sessions,
        }))}
      />
    </Block>
  );
}

/** Adoption by block against the reference figures. */
export function MonthlyOutcomes({ outcomes }: { outcomes: OutcomesReport | undefined }) {
  const { t, i18n } = useTranslation();
  const label = useReportLabels();
  const total = outcomes?.total;
  const known = total ? total.adopted + total.planned + total.notAdopted : 0;
  return (
    <Block
      title={t('reports.outcomes')}
      note={
        outcomes &&
        `${t('reports.adoptionTotal', {
          percent: formatPercent(total?.adoptionRatePercent),
          adopted: total?.adopted ?? 0,
          known,
        })} ${i18n.language === 'en' ? outcomes.targets.note : outcomes.targets.noteJa}`
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
          {(outcomes?.byBlock ?? []).map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={400}>
                {label('block', r.key)}
              </Table.Th>
              <Table.Td ta="right">{formatPercent(r.adoptionRatePercent)}</Table.Td>
              <Table.Td ta="right">{r.closed}</Table.Td>
              <Table.Td ta="right">{r.adopted}</Table.Td>
            </Table.Tr>
          ))}
          {(outcomes?.targets.items ?? []).map((x) => (
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
  );
}

/** The SLA met by desk and channel, and in total. */
export function MonthlySla({ sla }: { sla: SlaReport | undefined }) {
  const { t } = useTranslation();
  const label = useReportLabels();
  return (
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
          {[...(sla?.rows ?? []), ...(sla ? [sla.total] : [])].map((r) => (
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
  );
}
