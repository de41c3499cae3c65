import 'dayjs/locale/ja';
import { DatesProvider } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Date pickers in the console's language (month and weekday names, the first day of the week),
 * not the browser's: a native `type="date"` input follows the browser, so an English console
 * in a Japanese browser showed Japanese calendars and the other way round.
 */
export function LocalizedDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const ja = i18n.language !== 'en';
  return (
    <DatesProvider
      settings={{ locale: ja ? 'ja' : 'en', firstDayOfWeek: 0, consistentWeeks: true }}
    >
      {children}
    </DatesProvider>
  );
}
