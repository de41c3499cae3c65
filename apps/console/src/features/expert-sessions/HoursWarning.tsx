import { sessionTimeWarning, type SessionTimeWarning } from '@madoguchi/domain';
import { Alert, Checkbox, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../lib/format-date';
import { useDeskDay } from './api/use-sessions';
import { tokyoIso } from './tokyo-week';

const VALID_DAY = /^\d{4}-\d{2}-\d{2}$/;
const VALID_TIME = /^\d{2}:\d{2}$/;

/** Whether a session at this day and time falls on a closed day or outside the desk's hours. */
export function useHoursWarning(
  deskId: string,
  date: string,
  time: string,
  durationMinutes: number,
): SessionTimeWarning | null {
  const valid = VALID_DAY.test(date) && VALID_TIME.test(time);
  const day = useDeskDay(deskId, date, VALID_DAY.test(date));
  if (!valid || !day.data) {
    return null;
  }
  return sessionTimeWarning(new Date(tokyoIso(date, time)), durationMinutes || 0, day.data);
}

/**
 * Says before saving that the session is on a closed day or outside the desk's hours; the
 * desk may still book it (an expert can meet a company on a Saturday), but must say so.
 */
export function HoursWarning({
  warning,
  acknowledged,
  onAcknowledge,
  showError,
}: {
  warning: SessionTimeWarning;
  acknowledged: boolean;
  onAcknowledge: (value: boolean) => void;
  showError: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color="yellow" data-testid="hours-warning" title={t('sessions.hoursWarningTitle')}>
      <Stack gap="xs">
        <Text size="sm">
          {warning.kind === 'closed_day'
            ? t('sessions.closedDay', {
                date: formatDay(warning.date, i18n.language),
                reason: t(`sessions.closureReasons.${warning.reason}`),
              })
            : t('sessions.outsideHours', { open: warning.openTime, close: warning.closeTime })}
        </Text>
        <Checkbox
          label={t('sessions.bookAnyway')}
          checked={acknowledged}
          onChange={(e) => onAcknowledge(e.currentTarget.checked)}
          error={showError && !acknowledged ? t('sessions.confirmOutsideHours') : undefined}
        />
      </Stack>
    </Alert>
  );
}
