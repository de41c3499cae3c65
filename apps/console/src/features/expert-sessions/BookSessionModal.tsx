import { type Schemas } from '@madoguchi/api-client';
import { kindMakesSense, SESSION_KINDS, type SessionKind } from '@madoguchi/domain';
import {
  Alert,
  Button,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateField, TimeField } from '../../components/DateTimeFields';
import { toastDone } from '../../lib/toast';
import { HoursWarning, useHoursWarning } from './HoursWarning';
import { type TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { type Suggestion, useActiveExperts, useBook, useSuggestions } from './api/use-sessions';
import { type BookingField, bookingRefusal, type RefusalMessage } from './session-errors';
import { useRefusalText } from './SessionRefusal';
import { DAY_MS, tokyoDay, tokyoIso } from './tokyo-week';
import { ConsoleForm } from '../../components/ConsoleForm';

type TeleworkStatus = Schemas['OrganizationDto']['teleworkStatus'];
type Mode = Schemas['BookSessionDto']['mode'];

/** Each ranking reason in the desk's words, with the numbers behind it. */
export function reasonTexts(suggestion: Suggestion, t: TFunction): string[] {
  return suggestion.reasons.map((r) =>
    t(`sessions.reasons.${r.code}`, {
      count: suggestion.sessionsThisMonth,
      capacity: suggestion.expert.capacityPerMonth,
      hours: Math.round(suggestion.freeMinutesOnDate / 30) / 2,
    }),
  );
}

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
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const suggestions = useSuggestions(caseId, date, validDate);
  const ranked = suggestions.data?.items ?? [];
  // Without a ranking (an error, or nobody ranked) any active expert can still be booked.
  const fallback = suggestions.isError || (suggestions.isSuccess && ranked.length === 0);
  const roster = useActiveExperts(fallback);
  const refusal = bookingRefusal(book.error, allowanceLimit);
  const fieldError = (field: BookingField) => say(local[field] ?? refusal.fields[field]);
  // The suggestion follows the organization's sessions so far; a follow-up before telework
  // was introduced needs a reason, so preparation is offered instead (the user may still pick).
  const suggested = suggestions.data?.suggestedKind ?? 'assessment';
  const chosenKind =
    kind ?? (kindMakesSense(suggested, teleworkStatus) ? suggested : 'preparation');
  const needsReason =
    !kindMakesSense(chosenKind, teleworkStatus) ||
    'kind' in refusal.fields ||
    'kindOverrideReason' in refusal.fields;
  const byId = new Map(ranked.map((s) => [s.expert.id, s]));
  const chosen = expertId ? byId.get(expertId) : undefined;
  const options = fallback
    ? (roster.data ?? []).map((e) => ({ value: e.id, label: e.name }))
    : ranked.map((s) => ({
        value: s.expert.id,
        label: t('sessions.suggestionLabel', { name: s.expert.name, score: s.score }),
      }));
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
        <Select
          label={t('sessions.expert')}
          withAsterisk
          searchable
          nothingFoundMessage={t('sessions.noExperts')}
          data={options}
          value={expertId}
          onChange={(value) => {
            setExpertId(value);
            edited();
          }}
          error={fieldError('expertId')}
          description={fallback ? t('sessions.rosterHint') : t('sessions.suggestionsHint')}
          renderOption={({ option }) => {
            const suggestion = byId.get(option.value);
            return (
              <div>
                <Text size="sm">{option.label}</Text>
                {suggestion && (
                  <Text size="xs" c="dimmed">
                    {reasonTexts(suggestion, t).join(' · ')}
                  </Text>
                )}
              </div>
            );
          }}
        />
        {chosen && (
          <Text size="xs" c="dimmed" data-testid="suggestion-reasons" aria-live="polite">
            {reasonTexts(chosen, t).join(' · ')}
          </Text>
        )}
        <Select
          label={t('sessions.kind')}
          required
          allowDeselect={false}
          data={SESSION_KINDS.map((k) => ({ value: k, label: t(`sessions.kinds.${k}`) }))}
          value={chosenKind}
          onChange={(value) => setKind(value as SessionKind | null)}
          error={fieldError('kind')}
        />
        {needsReason && (
          <Textarea
            label={t('sessions.overrideReason')}
            description={t('sessions.overrideHint')}
            withAsterisk
            value={override}
            onChange={(e) => setOverride(e.currentTarget.value)}
            error={fieldError('kindOverrideReason')}
          />
        )}
        <SimpleGrid cols={2}>
          <NumberInput
            label={t('sessions.duration')}
            required
            min={15}
            max={480}
            step={15}
            value={duration}
            onChange={setDuration}
            error={fieldError('durationMinutes')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="session-mode-label">
              {t('sessions.mode')}
            </Text>
            <SegmentedControl
              aria-labelledby="session-mode-label"
              value={mode}
              onChange={(value) => setMode(value as Mode)}
              data={[
                { value: 'online', label: t('sessions.modes.online') },
                { value: 'onsite', label: t('sessions.modes.onsite') },
              ]}
            />
          </Stack>
        </SimpleGrid>
        <TextInput
          label={mode === 'onsite' ? t('sessions.address') : t('sessions.location')}
          value={location}
          onChange={(e) => setLocation(e.currentTarget.value)}
          error={fieldError('location')}
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
