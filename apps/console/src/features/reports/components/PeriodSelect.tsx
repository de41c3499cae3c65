import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMonth } from '../../../lib/format-date';
import { reportFiscalYears, reportMonthGroups, tokyoToday } from '../report-filters';

interface PeriodSelectProps {
  label: string;
  error?: string;
}

/**
 * A month picker labelled the Japanese way (2026年11月), grouped by fiscal year. A native
 * <input type="month"> would follow the browser's language instead of the console's, and a
 * desk only ever reports on whole months of recent fiscal years.
 */
export function MonthSelect({
  value,
  onChange,
  ...props
}: PeriodSelectProps & { value: string; onChange: (month: string) => void }) {
  const { t, i18n } = useTranslation();
  const data = useMemo(
    () =>
      reportMonthGroups(tokyoToday(), value).map((group) => ({
        group: t('reports.fiscalYear', { year: group.fiscalYear }),
        items: group.months.map((month) => ({
          value: month,
          label: formatMonth(month, i18n.language),
        })),
      })),
    [value, t, i18n.language],
  );
  return (
    <Select
      {...props}
      w={170}
      searchable
      allowDeselect={false}
      maxDropdownHeight={320}
      data={data}
      value={value}
      onChange={(month) => month && onChange(month)}
    />
  );
}

/** The fiscal-year counterpart of MonthSelect (2025年度 / FY2025). */
export function FiscalYearSelect({
  value,
  onChange,
  ...props
}: PeriodSelectProps & { value: number; onChange: (fiscalYear: number) => void }) {
  const { t } = useTranslation();
  const data = useMemo(
    () =>
      reportFiscalYears(tokyoToday(), value).map((year) => ({
        value: String(year),
        label: t('reports.fiscalYear', { year }),
      })),
    [value, t],
  );
  return (
    <Select
      {...props}
      w={140}
      allowDeselect={false}
      data={data}
      value={String(value)}
      onChange={(year) => year && onChange(Number(year))}
    />
  );
}
