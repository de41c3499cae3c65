import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrors } from '../../../lib/field-errors';
import { formatDateTime } from '../../../lib/format-date';
import { downloadUrl, type ReportQuery, useFreezePeriod, useSnapshots } from '../api/use-reports';
import { fiscalYearOfDay, previousMonth, tokyoToday } from '../report-filters';
import { useReportLabels } from '../use-report-labels';
import { FiscalYearSelect, MonthSelect } from './PeriodSelect';

/**
 * The case export for the current filters, the ministries' results workbook for a month or a
 * fiscal year, and freezing a period that has ended (managers and admins; the API checks it).
 */
export function ExportsPanel({ query }: { query: ReportQuery }) {
  const { t, i18n } = useTranslation();
  const today = tokyoToday();
  const [kind, setKind] = useState<'month' | 'fy'>('month');
  // The last finished period is the one a desk usually reports on (and the one it can freeze).
  const [month, setMonth] = useState(previousMonth(today.slice(0, 7)));
  const [fy, setFy] = useState(fiscalYearOfDay(today) - 1);
  const period = kind === 'month' ? month : `FY${fy}`;
  const snapshots = useSnapshots();
  const freeze = useFreezePeriod();
  const errors = fieldErrors(freeze.error);
  const label = useReportLabels();

  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="reports-exports"
      className="no-print"
    >
      <Stack gap="sm">
        <Title order={3} size="h5" id="reports-exports">
          {t('reports.exports')}
        </Title>
        <Group gap="xs">
          <Text size="sm">{t('reports.caseExport')}</Text>
          <Button
            component="a"
            download
            size="compact-sm"
            variant="default"
            href={downloadUrl('/api/reports/export', { ...query, format: 'csv' })}
            aria-label={t('reports.downloadCsv', { name: t('reports.caseExport') })}
          >
            {t('reports.csv')}
          </Button>
          <Button
            component="a"
            download
            size="compact-sm"
            variant="default"
            href={downloadUrl('/api/reports/export', { ...query, format: 'xlsx' })}
            aria-label={t('reports.downloadXlsx', { name: t('reports.caseExport') })}
          >
            {t('reports.xlsx')}
          </Button>
        </Group>
        <Group align="flex-end" gap="xs">
          <SegmentedControl
            aria-label={t('reports.resultsPeriod')}
            value={kind}
            onChange={(v) => setKind(v === 'fy' ? 'fy' : 'month')}
            data={[
              { value: 'month', label: t('reports.resultsMonth') },
              { value: 'fy', label: t('reports.resultsFiscalYear') },
            ]}
          />
          {kind === 'month' ? (
            <MonthSelect
              label={t('reports.resultsMonth')}
              value={month}
              onChange={setMonth}
              error={errors.period}
            />
          ) : (
            <FiscalYearSelect
              label={t('reports.resultsFiscalYear')}
              value={fy}
              onChange={setFy}
              error={errors.period}
            />
          )}
          <Button
            component="a"
            download
            variant="default"
            href={downloadUrl('/api/reports/results.xlsx', { period })}
          >
            {t('reports.downloadWorkbook')}
          </Button>
          {kind === 'month' && (
            <Anchor component={Link} to={`/reports/monthly?month=${month}`} size="sm">
              {t('reports.printMonthly')}
            </Anchor>
          )}
          <Button
            variant="light"
            loading={freeze.isPending}
            onClick={() => freeze.mutate(period)}
            title={t('reports.freezeHint')}
          >
            {t('reports.freeze')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('reports.freezeHint')}
        </Text>
        {freeze.isSuccess && (
          <Alert color="teal" role="status">
            {t('reports.frozen', { period: label('period', freeze.data.period) })}
          </Alert>
        )}
        {freeze.error && !errors.period && <ErrorAlert error={freeze.error} />}
        <Text size="sm" fw={600}>
          {t('reports.snapshots')}
        </Text>
        <ErrorAlert error={snapshots.error} />
        {(snapshots.data ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('reports.noSnapshots')}
          </Text>
        ) : (
          <List size="sm">
            {(snapshots.data ?? []).map((s) => (
              <List.Item key={s.id}>
                {t('reports.snapshotBy', {
                  period: label('period', s.period),
                  scope: label('scope', s.scope),
                  name: s.createdByName,
                  at: formatDateTime(s.createdAt, i18n.language),
                })}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}
