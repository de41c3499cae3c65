import { Alert, Button, Modal, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, TimeField } from '../../components/DateTimeFields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format-date';
import { toastDone } from '../../lib/toast';
import { type Session, useReschedule } from './api/use-sessions';
import { DurationInput } from './BookingFields';
import { HoursWarning, useHoursWarning } from './HoursWarning';
import { bookingRefusal } from './session-errors';
import { useRefusalText } from './SessionRefusal';
import { tokyoDay, tokyoIso } from './tokyo-week';
import { ConsoleForm } from '../../components/ConsoleForm';

const tokyoTime = (iso: string): string =>
  new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(11, 16);

/**
 * Moves a session to another time in one step: it keeps its place in the allowance and its
 * history, counts no cancellation, and cannot lose its slot to someone booking in between.
 */
export function RescheduleModal({
  session,
  deskId,
  allowanceLimit,
  onClose,
}: {
  session: Session;
  deskId: string;
  allowanceLimit: number;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const say = useRefusalText();
  const reschedule = useReschedule();
  const [date, setDate] = useState(tokyoDay(session.scheduledStart));
  const [time, setTime] = useState(tokyoTime(session.scheduledStart));
  const [duration, setDuration] = useState<number | string>(session.durationMinutes);
  const [reason, setReason] = useState('');
  const [outsideOk, setOutsideOk] = useState(false);
  const [outsideAsked, setOutsideAsked] = useState(false);
  const [past, setPast] = useState(false);
  const warning = useHoursWarning(deskId, date, time, Number(duration));
  const refusal = bookingRefusal(reschedule.error, allowanceLimit);

  const submit = () => {
    const start = tokyoIso(date, time);
    const inPast = !(Date.parse(start) > Date.now());
    setPast(inPast);
    if (inPast) {
      return;
    }
    if (warning && !outsideOk) {
      setOutsideAsked(true);
      return;
    }
    reschedule.mutate(
      {
        id: session.id,
        body: {
          scheduledStart: start,
          durationMinutes: Number(duration),
          reason: reason.trim() || undefined,
          version: session.version,
        },
      },
      {
        onSuccess: () => {
          toastDone(t('sessions.rescheduled'));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('sessions.rescheduleTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component={ConsoleForm}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Text size="sm">
          {formatDateTime(session.scheduledStart, i18n.language)} · {session.expertName}
        </Text>
        <Text size="sm">{t('sessions.rescheduleHint')}</Text>
        <SimpleGrid cols={2}>
          <DateField
            label={t('sessions.date')}
            description={t('sessions.jst')}
            required
            value={date}
            onChange={setDate}
            error={past ? say({ key: 'pastStart' }) : say(refusal.fields.scheduledStart)}
          />
          <TimeField
            label={t('sessions.time')}
            description={t('sessions.jst')}
            required
            value={time}
            onChange={(value) => setTime(value ?? time)}
          />
        </SimpleGrid>
        <DurationInput value={duration} onChange={setDuration} />
        {warning && (
          <HoursWarning
            warning={warning}
            acknowledged={outsideOk}
            onAcknowledge={setOutsideOk}
            showError={outsideAsked}
          />
        )}
        <Textarea
          label={t('sessions.rescheduleReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {refusal.alert && (
          <Alert color="red" role="alert" title={t(`sessions.errors.${refusal.alert.title}`)}>
            {say(refusal.alert.message)}
          </Alert>
        )}
        {reschedule.error && !refusal.alert && Object.keys(refusal.fields).length === 0 && (
          <ErrorAlert error={reschedule.error} />
        )}
        <Button type="submit" loading={reschedule.isPending}>
          {t('sessions.confirmReschedule')}
        </Button>
      </Stack>
    </Modal>
  );
}
