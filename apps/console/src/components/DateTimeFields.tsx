import '@mantine/dates/styles.css';
import 'dayjs/locale/ja';
import { Select, type SelectProps } from '@mantine/core';
import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useTranslation } from 'react-i18next';

dayjs.extend(customParseFormat);

// What staff type or paste: the ISO form, slashes, or the console's own display format.
const INPUT_FORMATS = ['YYYY-MM-DD', 'YYYY/M/D', 'YYYY年M月D日', 'MMM D, YYYY', 'M/D/YYYY'];

/** Reads a typed date in any of the accepted forms as 'YYYY-MM-DD', or null. */
export function parseTypedDate(text: string): string | null {
  const trimmed = text
    .trim()
    .replace(/\s*\(.*\)$/, '')
    .replace(/（.*）$/, '');
  for (const format of INPUT_FORMATS) {
    const parsed = dayjs(trimmed, format, 'en', true);
    if (parsed.isValid()) {
      return parsed.format('YYYY-MM-DD');
    }
  }
  return null;
}

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
