import { type Schemas } from '@madoguchi/api-client';
import { kindMakesSense, type SessionKind } from '@madoguchi/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toastDone } from '../../lib/toast';
import { useBook } from './api/use-sessions';
import { useExpertChoices } from './ExpertPicker';
import { useHoursWarning } from './HoursWarning';
import { type BookingField, bookingRefusal, type RefusalMessage } from './session-errors';
import { useRefusalText } from './SessionRefusal';
import { DAY_MS, tokyoDay, tokyoIso } from './tokyo-week';

type TeleworkStatus = Schemas['OrganizationDto']['teleworkStatus'];
type Mode = Schemas['BookSessionDto']['mode'];

interface Options {
  caseId: string;
  /** The case's desk, whose hours and closed days the booking is checked against. */
  deskId: string;
  allowanceLimit: number;
  teleworkStatus: TeleworkStatus;
  onBooked: () => void;
}

/**
 * A booking's values and its checks: the refusals the form can see itself (no expert, a start in
 * the past), a start outside the desk's hours confirmed first, then the API's refusals per field.
 */
export function useBookSession({
  caseId,
  deskId,
  allowanceLimit,
  teleworkStatus,
  onBooked,
}: Options) {
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
          onBooked();
        },
      },
    );
  };

  return {
    book,
    say,
    refusal,
    fieldError,
    edited,
    submit,
    choices,
    hoursWarning,
    date,
    setDate,
    time,
    setTime,
    expertId,
    setExpertId,
    chosenKind,
    setKind,
    needsReason,
    override,
    setOverride,
    duration,
    setDuration,
    mode,
    setMode,
    location,
    setLocation,
    outsideOk,
    setOutsideOk,
    outsideAsked,
  };
}
