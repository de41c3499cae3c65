import { type Schemas } from '@madoguchi/api-client';
import { kindMakesSense, type SessionKind } from '@madoguchi/domain';
import { Alert, Button, Modal, SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../components/ConsoleForm';
import { DateField, TimeField } from '../../components/DateTimeFields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toastDone } from '../../lib/toast';
import { useBook } from './api/use-sessions';
import { HowFields, KindFields } from './BookingFields';
import { ExpertPicker, useExpertChoices } from './ExpertPicker';
import { HoursWarning, useHoursWarning } from './HoursWarning';
import { type BookingField, bookingRefusal, type RefusalMessage } from './session-errors';
import { useRefusalText } from './SessionRefusal';
import { DAY_MS, tokyoDay, tokyoIso } from './tokyo-week';

type TeleworkStatus = Schemas['OrganizationDto']['teleworkStatus'];
type Mode = Schemas['BookSessionDto']['mode'];

/**
 * Booking a session: the experts ranked for the chosen day (or the whole active roster when
 * no ranking is available), the kind, the time in Tokyo, and every refusal explained where
 * it applies.
 */
export function BookSessionModal({
  onClose,
  caseId,
  deskId,
  allowanceLimit,
  teleworkStatus,
}: {
  onClose: () => void;
  caseId: string;
  /** The case's desk, whose hours and closed days the booking is checked against. */
  deskId: string;
  allowanceLimit: number;
  teleworkStatus: TeleworkStatus;
}) {
  const { t } = useTranslation();
  const say = useRefusalText();
  const book = useBook(caseId);
  const [date, setDate] = useState(() => tokyoDay(Date.now() + DAY_MS));
  const [time, setTime] = useState('10:00');
  const [expertId, setExpertId] = useState<string | null>(null);
  const [kind, setKind] = useState<SessionKind | null>(null);
  const [duration, setDuration] = useState<number | string>(90);
  const [mode, setMode] = useState<Mode>('online');
  const [location, setLocation] = useState('');
  const [override, setOverride] = useState('');
  const [outsideOk, setOutsideOk] = useState(false);
  const [outsideAsked, setOutsideAsked] = useState(false);
  const hoursWarning = useHoursWarning(deskId, date, time, Number(duration));
  // Refusals the form can see without asking the API; cleared as soon as the user edits.
  const [local, setLocal] = useState<Partial<Record<BookingField, RefusalMessage>>>({});
  const choices = useExpertChoices(caseId, date);
  const refusal = bookingRefusal(book.error, allowanceLimit);
  const fieldError = (field: BookingField) => say(local[field] ?? refusal.fields[field]);
  // The suggestion follows the organization's sessions so far; a follow-up before telework
  // was introduced needs a reason, so preparation is offered instead (the user may still pick).
  const suggested = choices.suggestedKind ?? 'assessment';
  const chosenKind =
    kind ?? (kindMakesSense(suggested, teleworkStatus) ? suggested : 'preparation');
  const needsReason =
    !kindMakesSense(chosenKind, teleworkStatus) ||
    'kind' in refusal.fields ||
    'kindOverrideReason' in refusal.fields;
  const edited = () => setLocal({});

  const submit = () => {
    const problems: Partial<Record<BookingField, RefusalMessage>> = {};
    if (!expertId) {
      problems.expertId = { key: 'expertRequired' };
    }
    const start = tokyoIso(date, time);
    if (!(Date.parse(start) > Date.now())) {
      problems.scheduledStart = { key: 'pastStart' };
    }
    setLocal(problems);
    if (!expertId || Object.keys(problems).length > 0) {
      return;
    }
    if (hoursWarning && !outsideOk) {
      setOutsideAsked(true);
      return;
    }
    book.mutate(
      {
        expertId,
        kind: chosenKind,
        scheduledStart: start,
        durationMinutes: Number(duration),
        mode,
        location: location.trim() || undefined,
        kindOverrideReason: needsReason ? override.trim() || undefined : undefined,
      },
      {
        onSuccess: () => {
          toastDone(t('sessions.booked'));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('sessions.book')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component={ConsoleForm}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {refusal.alert && (
          <Alert
            color="red"
            role="alert"
            title={t(`sessions.errors.${refusal.alert.title}`)}
            data-testid="session-refused"
          >
            {say(refusal.alert.message)}
          </Alert>
        )}
        <SimpleGrid cols={2}>
          <DateField
            label={t('sessions.date')}
            description={t('sessions.jst')}
            required
            value={date}
            onChange={(value) => {
              setDate(value);
              edited();
            }}
            error={fieldError('scheduledStart')}
          />
          <TimeField
            label={t('sessions.time')}
            description={t('sessions.jst')}
            required
            value={time}
            onChange={(value) => {
              setTime(value ?? time);
              edited();
            }}
          />
        </SimpleGrid>
        {hoursWarning && (
          <HoursWarning
            warning={hoursWarning}
            acknowledged={outsideOk}
            onAcknowledge={setOutsideOk}
            showError={outsideAsked}
          />
        )}
        <ExpertPicker
          choices={choices}
          value={expertId}
          onChange={(value) => {
            setExpertId(value);
            edited();
          }}
          error={fieldError('expertId')}
        />
        <KindFields
          kind={chosenKind}
          onKind={setKind}
          needsReason={needsReason}
          reason={override}
          onReason={setOverride}
          error={fieldError}
        />
        <HowFields
          duration={duration}
          onDuration={setDuration}
          mode={mode}
          onMode={setMode}
          location={location}
          onLocation={setLocation}
          error={fieldError}
        />
        {refusal.other.length > 0 && (
          <Alert color="red" role="alert" title={t('sessions.errors.refusedTitle')}>
            {refusal.other.join(' / ')}
          </Alert>
        )}
        {book.error &&
          !refusal.alert &&
          Object.keys(refusal.fields).length === 0 &&
          refusal.other.length === 0 && <ErrorAlert error={book.error} />}
        <Button type="submit" loading={book.isPending}>
          {t('sessions.confirmBooking')}
        </Button>
      </Stack>
    </Modal>
  );
}
