import '@mantine/dates/styles.css';
import 'dayjs/locale/ja';
import { Select, type SelectProps } from '@mantine/core';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { parseTypedDate } from '../lib/typed-date';

type DateFieldProps = Omit<DateInputProps, 'value' | 'onChange'> & {
  /** 'YYYY-MM-DD' or '' */
  value: string;
  onChange: (value: string) => void;
};

/**
 * A date in the console's language (2026年12月8日(火) / Dec 8, 2026 (Tue)), typed or picked: the
 * calendar's month and weekday names follow the console, where a native `type="date"` input
 * follows the browser. (The locale is given here rather than by a DatesProvider at the root, so
 * the date pickers load only with the screens that use them.)
 */
export function DateField({ value, onChange, ...props }: DateFieldProps) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <DateInput
      locale={en ? 'en' : 'ja'}
      firstDayOfWeek={0}
      valueFormat={en ? 'MMM D, YYYY (ddd)' : 'YYYY年M月D日(dd)'}
      dateParser={parseTypedDate}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      {...props}
    />
  );
}

const TIMES = Array.from({ length: (24 * 60) / 5 }, (_, i) => {
  const minute = i * 5;
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
});

/**
 * A time of day in 24-hour form, the same in both languages (a native `type="time"` shows
 * AM/PM in an English browser): pick from five-minute steps or type it.
 */
export function TimeField(props: Omit<SelectProps, 'data' | 'searchable'>) {
  return (
    <Select data={TIMES} searchable allowDeselect={false} maxDropdownHeight={240} {...props} />
  );
}
