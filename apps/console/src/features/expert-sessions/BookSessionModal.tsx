import { type Schemas } from '@madoguchi/api-client';
import { Alert, Button, Modal, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../components/ConsoleForm';
import { DateField, TimeField } from '../../components/DateTimeFields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HowFields, KindFields } from './BookingFields';
import { ExpertPicker } from './ExpertPicker';
import { HoursWarning } from './HoursWarning';
import { useBookSession } from './use-book-session';

type TeleworkStatus = Schemas['OrganizationDto']['teleworkStatus'];

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
  const booking = useBookSession({
    caseId,
    deskId,
    allowanceLimit,
    teleworkStatus,
    onBooked: onClose,
  });
  const { book, say, refusal, fieldError, edited, hoursWarning, date, time } = booking;

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
          booking.submit();
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
              booking.setDate(value);
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
              booking.setTime(value ?? time);
              edited();
            }}
          />
        </SimpleGrid>
        {hoursWarning && (
          <HoursWarning
            warning={hoursWarning}
            acknowledged={booking.outsideOk}
            onAcknowledge={booking.setOutsideOk}
            showError={booking.outsideAsked}
          />
        )}
        <ExpertPicker
          choices={booking.choices}
          value={booking.expertId}
          onChange={(value) => {
            booking.setExpertId(value);
            edited();
          }}
          error={fieldError('expertId')}
        />
        <KindFields
          kind={booking.chosenKind}
          onKind={booking.setKind}
          needsReason={booking.needsReason}
          reason={booking.override}
          onReason={booking.setOverride}
          error={fieldError}
        />
        <HowFields
          duration={booking.duration}
          onDuration={booking.setDuration}
          mode={booking.mode}
          onMode={booking.setMode}
          location={booking.location}
          onLocation={booking.setLocation}
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
