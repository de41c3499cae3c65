import { EVENT_KINDS, ORGANIZER_KINDS, TOPICS } from '@madoguchi/domain';
import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConsoleForm } from '../../components/ConsoleForm';
import { DateField, TimeField } from '../../components/DateTimeFields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors, missingRequired } from '../../lib/field-errors';
import { prefectureOptions } from '../../lib/labels';
import { useSession } from '../../lib/session';
import { toastDone } from '../../lib/toast';
import { useDeskOptions } from '../reports/api/use-reports';
import { type EventFields, useCreateEvent } from './api/use-events';

type Kind = EventFields['kind'];
type Party = EventFields['organizerKind'];

/** A Tokyo date and time of day as an instant: events are planned in JST whatever the browser. */
const jstInstant = (day: string, time: string): string =>
  day && time ? new Date(`${day}T${time}:00+09:00`).toISOString() : '';

/** A new event: kind, title, date and times (JST), where, seats, who organizes it, topics. */
export function EventFormPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateEvent();
  const desks = useDeskOptions();
  // Desk staff may organize only their own desk's events: the form starts there.
  const { user } = useSession();
  const ownDesk = user?.role === 'desk_staff' ? (user.deskId ?? null) : null;
  const [kind, setKind] = useState<Kind>('seminar');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [day, setDay] = useState('');
  const [start, setStart] = useState<string | null>('14:00');
  const [end, setEnd] = useState<string | null>('16:00');
  const [venue, setVenue] = useState('');
  const [onlineUrl, setOnlineUrl] = useState('');
  const [prefectureCode, setPrefectureCode] = useState<string | null>(null);
  const [capacity, setCapacity] = useState<number | ''>('');
  const [party, setParty] = useState<Party>(ownDesk ? 'regional_desk' : 'mic');
  const [deskId, setDeskId] = useState<string | null>(ownDesk);
  const [organizerName, setOrganizerName] = useState('');
  const [coSponsors, setCoSponsors] = useState<string[]>([]);
  const [topics, setTopics] = useState<string[]>([]);
  const errors = fieldErrors(create.error);
  // The console's own required messages, not the browser's bubbles; each clears as it is filled.
  const [missing, setMissing] = useState<Record<string, string>>({});
  const filled = (field: string) => setMissing(({ [field]: _, ...rest }) => rest);
  const en = i18n.language === 'en';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blank = missingRequired({ title: title.trim(), day, start, end });
    setMissing(blank);
    if (Object.keys(blank).length > 0) {
      return;
    }
    const body: EventFields = {
      kind,
      title,
      startsAt: jstInstant(day, start ?? ''),
      endsAt: jstInstant(day, end ?? ''),
      organizerKind: party,
      ...(description ? { description } : {}),
      ...(venue ? { venue } : {}),
      ...(onlineUrl ? { onlineUrl } : {}),
      ...(prefectureCode ? { prefectureCode } : {}),
      ...(capacity !== '' ? { capacity } : {}),
      ...(party === 'regional_desk' && deskId ? { organizerDeskId: deskId } : {}),
      ...(organizerName ? { organizerName } : {}),
      coSponsors,
      topics,
    };
    create.mutate(body, {
      onSuccess: (created) => {
        toastDone(t('events.created'));
        void navigate(`/events/${created.id}`);
      },
    });
  };

  return (
    <Stack component={ConsoleForm} onSubmit={submit} maw={720}>
      <Title order={2}>{t('events.newEvent')}</Title>
      <Select
        label={t('events.kind')}
        required
        allowDeselect={false}
        data={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))}
        value={kind}
        onChange={(v) => v && setKind(v as Kind)}
        error={errors.kind}
      />
      <TextInput
        label={t('events.fields.title')}
        required
        maxLength={200}
        value={title}
        onChange={(e) => {
          setTitle(e.currentTarget.value);
          filled('title');
        }}
        error={missing.title ?? errors.title}
      />
      <Group align="flex-start">
        <DateField
          label={t('events.fields.date')}
          required
          value={day}
          onChange={(v) => {
            setDay(v);
            filled('day');
          }}
          error={missing.day ?? errors.startsAt}
        />
        <TimeField
          label={t('events.fields.startTime')}
          required
          w={120}
          value={start}
          onChange={(v) => {
            setStart(v);
            filled('start');
          }}
          error={missing.start}
        />
        <TimeField
          label={t('events.fields.endTime')}
          required
          w={120}
          value={end}
          onChange={(v) => {
            setEnd(v);
            filled('end');
          }}
          error={missing.end ?? errors.endsAt}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          label={t('events.fields.venue')}
          value={venue}
          onChange={(e) => setVenue(e.currentTarget.value)}
          error={errors.venue}
        />
        <TextInput
          label={t('events.fields.onlineUrl')}
          type="url"
          value={onlineUrl}
          onChange={(e) => setOnlineUrl(e.currentTarget.value)}
          error={errors.onlineUrl}
        />
      </Group>
      <Group grow align="flex-start">
        <Select
          label={t('events.fields.prefecture')}
          clearable
          searchable
          data={prefectureOptions(i18n.language)}
          value={prefectureCode}
          onChange={setPrefectureCode}
          error={errors.prefectureCode}
        />
        <NumberInput
          label={t('events.fields.capacity')}
          description={t('events.fields.capacityHint')}
          min={1}
          value={capacity}
          onChange={(v) => setCapacity(typeof v === 'number' ? v : '')}
          error={errors.capacity}
        />
      </Group>
      <Group grow align="flex-start">
        <Select
          label={t('events.party')}
          required
          allowDeselect={false}
          data={ORGANIZER_KINDS.map((k) => ({ value: k, label: t(`events.parties.${k}`) }))}
          value={party}
          onChange={(v) => v && setParty(v as Party)}
          error={errors.organizerKind}
        />
        {party === 'regional_desk' ? (
          <Select
            label={t('events.desk')}
            required
            data={(desks.data ?? []).map((d) => ({ value: d.id, label: en ? d.nameEn : d.nameJa }))}
            value={deskId}
            onChange={setDeskId}
            error={errors.organizerDeskId}
          />
        ) : (
          <TextInput
            label={t('events.fields.organizerName')}
            maxLength={200}
            value={organizerName}
            onChange={(e) => setOrganizerName(e.currentTarget.value)}
            error={errors.organizerName}
          />
        )}
      </Group>
      <TagsInput
        label={t('events.fields.coSponsors')}
        value={coSponsors}
        onChange={setCoSponsors}
        error={errors.coSponsors}
      />
      <MultiSelect
        label={t('events.fields.topics')}
        searchable
        maxValues={10}
        data={TOPICS.map((topic) => ({
          value: topic.code,
          label: en ? topic.labelEn : topic.labelJa,
        }))}
        value={topics}
        onChange={setTopics}
        error={errors.topics}
      />
      <Textarea
        label={t('events.fields.description')}
        autosize
        minRows={3}
        maxLength={4000}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={errors.description}
      />
      <ErrorAlert error={create.error} />
      <Group>
        <Button type="submit" loading={create.isPending}>
          {t('events.create')}
        </Button>
      </Group>
    </Stack>
  );
}
