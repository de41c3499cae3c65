import { Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField, TimeField } from '../../components/DateTimeFields';
import type { EventFormState } from './use-event-form';

/** The event's day and its start and end times, in Tokyo time; all three are required. */
export function EventScheduleFields({ form }: { form: EventFormState }) {
  const { t } = useTranslation();
  const { draft, set, errors, missing, filled } = form;
  return (
    <Group align="flex-start">
      <DateField
        label={t('events.fields.date')}
        required
        value={draft.day}
        onChange={(v) => {
          set('day', v);
          filled('day');
        }}
        error={missing.day ?? errors.startsAt}
      />
      <TimeField
        label={t('events.fields.startTime')}
        required
        w={120}
        value={draft.start}
        onChange={(v) => {
          set('start', v);
          filled('start');
        }}
        error={missing.start}
      />
      <TimeField
        label={t('events.fields.endTime')}
        required
        w={120}
        value={draft.end}
        onChange={(v) => {
          set('end', v);
          filled('end');
        }}
        error={missing.end ?? errors.endsAt}
      />
    </Group>
  );
}
