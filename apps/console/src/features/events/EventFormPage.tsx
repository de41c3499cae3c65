import { EVENT_KINDS, TOPICS } from '@madoguchi/domain';
import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../components/ConsoleForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { prefectureOptions } from '../../lib/labels';
import { EventOrganizerFields } from './EventOrganizerFields';
import { EventScheduleFields } from './EventScheduleFields';
import { type EventKind, useEventForm } from './use-event-form';

/** A new event: kind, title, date and times (JST), where, seats, who organizes it, topics. */
export function EventFormPage() {
  const { t, i18n } = useTranslation();
  const form = useEventForm();
  const { draft, set, errors, missing, filled, create } = form;
  const en = i18n.language === 'en';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submit();
  };

  return (
    <Stack component={ConsoleForm} onSubmit={submit} maw={720}>
      <Title order={2}>{t('events.newEvent')}</Title>
      <Select
        label={t('events.kind')}
        required
        allowDeselect={false}
        data={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))}
        value={draft.kind}
        onChange={(v) => v && set('kind', v as EventKind)}
        error={errors.kind}
      />
      <TextInput
        label={t('events.fields.title')}
        required
        maxLength={200}
        value={draft.title}
        onChange={(e) => {
          set('title', e.currentTarget.value);
          filled('title');
        }}
        error={missing.title ?? errors.title}
      />
      <EventScheduleFields form={form} />
      <Group grow align="flex-start">
        <TextInput
          label={t('events.fields.venue')}
          value={draft.venue}
          onChange={(e) => set('venue', e.currentTarget.value)}
          error={errors.venue}
        />
        <TextInput
          label={t('events.fields.onlineUrl')}
          type="url"
          value={draft.onlineUrl}
          onChange={(e) => set('onlineUrl', e.currentTarget.value)}
          error={errors.onlineUrl}
        />
      </Group>
      <Group grow align="flex-start">
        <Select
          label={t('events.fields.prefecture')}
          clearable
          searchable
          data={prefectureOptions(i18n.language)}
          value={draft.prefectureCode}
          onChange={(v) => set('prefectureCode', v)}
          error={errors.prefectureCode}
        />
        <NumberInput
          label={t('events.fields.capacity')}
          description={t('events.fields.capacityHint')}
          min={1}
          value={draft.capacity}
          onChange={(v) => set('capacity', typeof v === 'number' ? v : '')}
          error={errors.capacity}
        />
      </Group>
      <EventOrganizerFields form={form} />
      <MultiSelect
        label={t('events.fields.topics')}
        searchable
        maxValues={10}
        data={TOPICS.map((topic) => ({
          value: topic.code,
          label: en ? topic.labelEn : topic.labelJa,
        }))}
        value={draft.topics}
        onChange={(v) => set('topics', v)}
        error={errors.topics}
      />
      <Textarea
        label={t('events.fields.description')}
        autosize
        minRows={3}
        maxLength={4000}
        value={draft.description}
        onChange={(e) => set('description', e.currentTarget.value)}
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
