import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fieldErrors, missingRequired } from '../../lib/field-errors';
import { useSession } from '../../lib/session';
import { toastDone } from '../../lib/toast';
import { type EventFields, useCreateEvent } from './api/use-events';

export type EventKind = EventFields['kind'];
export type EventParty = EventFields['organizerKind'];

/** What the new-event form holds while it is typed; times are Tokyo wall-clock values. */
export interface EventDraft {
  kind: EventKind;
  title: string;
  description: string;
  day: string;
  start: string | null;
  end: string | null;
  venue: string;
  onlineUrl: string;
  prefectureCode: string | null;
  capacity: number | '';
  party: EventParty;
  deskId: string | null;
  organizerName: string;
  coSponsors: string[];
  topics: string[];
}

/** A Tokyo date and time of day as an instant: events are planned in JST whatever the browser. */
const jstInstant = (day: string, time: string): string =>
  day && time ? new Date(`${day}T${time}:00+09:00`).toISOString() : '';

/** The request body: optional fields are left out when empty, the desk only for a desk's event. */
const toEventFields = (d: EventDraft): EventFields => ({
  kind: d.kind,
  title: d.title,
  startsAt: jstInstant(d.day, d.start ?? ''),
  endsAt: jstInstant(d.day, d.end ?? ''),
  organizerKind: d.party,
  ...(d.description ? { description: d.description } : {}),
  ...(d.venue ? { venue: d.venue } : {}),
  ...(d.onlineUrl ? { onlineUrl: d.onlineUrl } : {}),
  ...(d.prefectureCode ? { prefectureCode: d.prefectureCode } : {}),
  ...(d.capacity !== '' ? { capacity: d.capacity } : {}),
  ...(d.party === 'regional_desk' && d.deskId ? { organizerDeskId: d.deskId } : {}),
  ...(d.organizerName ? { organizerName: d.organizerName } : {}),
  coSponsors: d.coSponsors,
  topics: d.topics,
});

/** The new-event form's values, its required-field messages and its save (then to the event). */
export function useEventForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateEvent();
  // Desk staff may organize only their own desk's events: the form starts there.
  const { user } = useSession();
  const [draft, setDraft] = useState<EventDraft>(() => {
    const ownDesk = user?.role === 'desk_staff' ? (user.deskId ?? null) : null;
    return {
      kind: 'seminar',
      title: '',
      description: '',
      day: '',
      start: '14:00',
      end: '16:00',
      venue: '',
      onlineUrl: '',
      prefectureCode: null,
      capacity: '',
      party: ownDesk ? 'regional_desk' : 'mic',
      deskId: ownDesk,
      organizerName: '',
      coSponsors: [],
      topics: [],
    };
  });
  const set = <K extends keyof EventDraft>(key: K, value: EventDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const errors = fieldErrors(create.error);
  // The console's own required messages, not the browser's bubbles; each clears as it is filled.
  const [missing, setMissing] = useState<Record<string, string>>({});
  const filled = (field: string) => setMissing(({ [field]: _, ...rest }) => rest);

  const submit = () => {
    const { title, day, start, end } = draft;
    const blank = missingRequired({ title: title.trim(), day, start, end });
    setMissing(blank);
    if (Object.keys(blank).length > 0) {
      return;
    }
    create.mutate(toEventFields(draft), {
      onSuccess: (created) => {
        toastDone(t('events.created'));
        void navigate(`/events/${created.id}`);
      },
    });
  };

  return { draft, set, errors, missing, filled, submit, create };
}

export type EventFormState = ReturnType<typeof useEventForm>;
