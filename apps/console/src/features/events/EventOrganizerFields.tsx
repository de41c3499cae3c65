import { ORGANIZER_KINDS } from '@madoguchi/domain';
import { Group, Select, TagsInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDeskOptions } from '../reports/api/use-reports';
import type { EventFormState, EventParty } from './use-event-form';

/** Who organizes the event: the party, then its desk (a regional desk's) or its name; co-sponsors. */
export function EventOrganizerFields({ form }: { form: EventFormState }) {
  const { t, i18n } = useTranslation();
  const desks = useDeskOptions();
  const { draft, set, errors } = form;
  const en = i18n.language === 'en';
  return (
    <>
      <Group grow align="flex-start">
        <Select
          label={t('events.party')}
          required
          allowDeselect={false}
          data={ORGANIZER_KINDS.map((k) => ({ value: k, label: t(`events.parties.${k}`) }))}
          value={draft.party}
          onChange={(v) => v && set('party', v as EventParty)}
          error={errors.organizerKind}
        />
        {draft.party === 'regional_desk' ? (
          <Select
            label={t('events.desk')}
            required
            data={(desks.data ?? []).map((d) => ({ value: d.id, label: en ? d.nameEn : d.nameJa }))}
            value={draft.deskId}
            onChange={(v) => set('deskId', v)}
            error={errors.organizerDeskId}
          />
        ) : (
          <TextInput
            label={t('events.fields.organizerName')}
            maxLength={200}
            value={draft.organizerName}
            onChange={(e) => set('organizerName', e.currentTarget.value)}
            error={errors.organizerName}
          />
        )}
      </Group>
      <TagsInput
        label={t('events.fields.coSponsors')}
        value={draft.coSponsors}
        onChange={(v) => set('coSponsors', v)}
        error={errors.coSponsors}
      />
    </>
  );
}
