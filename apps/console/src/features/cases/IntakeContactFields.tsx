import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../organizations/api/organization-types';
import type { IntakeForm } from './intake-draft';

/**
 * Who called: one of the picked organization's contacts, or a new one typed in (the new
 * fields go as soon as a known contact is picked).
 */
export function IntakeContactFields({
  contacts,
  contactId,
  onContactIdChange,
  contact,
  onContactChange,
  errors,
}: {
  /** The picked organization's contacts; empty while creating one or with none picked. */
  contacts: ContactView[];
  contactId: string | null;
  onContactIdChange: (id: string | null) => void;
  contact: IntakeForm['contact'];
  onContactChange: (contact: IntakeForm['contact']) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {contacts.length > 0 && (
        <Select
          label={t('cases.contactPick')}
          clearable
          // Those no longer there stay pickable, marked and last.
          data={[...contacts]
            .sort((a, b) => Number(b.active) - Number(a.active))
            .map((c) => ({
              value: c.id,
              label: `${c.name}${c.title ? `（${c.title}）` : ''}${c.active ? '' : t('cases.contactLeft')}`,
            }))}
          value={contactId}
          onChange={onContactIdChange}
        />
      )}
      {!contactId && (
        <>
          <TextInput
            label={t('cases.contactNew')}
            value={contact.name}
            onChange={(e) => onContactChange({ ...contact, name: e.currentTarget.value })}
            error={errors['contact.name']}
          />
          <TextInput
            label={t('cases.contactPhone')}
            type="tel"
            value={contact.phone}
            onChange={(e) => onContactChange({ ...contact, phone: e.currentTarget.value })}
            error={errors['contact.phone']}
          />
          <TextInput
            label={t('cases.contactEmail')}
            type="email"
            value={contact.email}
            onChange={(e) => onContactChange({ ...contact, email: e.currentTarget.value })}
            error={errors['contact.email']}
          />
        </>
      )}
    </SimpleGrid>
  );
}
