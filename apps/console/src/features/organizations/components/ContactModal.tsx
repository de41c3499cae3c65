import { Alert, Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrors } from '../../../lib/field-errors';
import type { ContactView } from '../api/organization-types';
import { useSaveContact } from '../api/use-organizations';

interface Props {
  organizationId: string;
  /** The contact being edited, or null to add one. */
  contact: ContactView | null;
  onClose: () => void;
}

/** Add or edit one contact person; the edit sends the version it was opened with. */
export function ContactModal({ organizationId, contact, onClose }: Props) {
  const { t } = useTranslation();
  const save = useSaveContact(organizationId);
  const [form, setForm] = useState({
    name: contact?.name ?? '',
    nameKana: contact?.nameKana ?? '',
    title: contact?.title ?? '',
    phone: contact?.phone ?? '',
    email: contact?.email ?? '',
    contactConsent: contact?.contactConsent ?? false,
  });
  const errors = fieldErrors(save.error);
  const conflict =
    save.error instanceof ApiError && save.error.body.code === 'CONTACT_VERSION_CONFLICT';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      name: form.name,
      nameKana: form.nameKana,
      title: form.title,
      phone: form.phone,
      email: form.email,
      contactConsent: form.contactConsent,
    };
    save.mutate(
      contact
        ? { id: contact.id, body: { ...fields, version: contact.version } }
        : { id: null, body: fields },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={contact ? t('organizations.contacts.editTitle') : t('organizations.contacts.addTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {conflict ? (
            <Alert color="orange" role="alert">
              {t('organizations.contacts.conflict')}
            </Alert>
          ) : (
            save.error && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />
          )}
          <TextInput
            label={t('organizations.contacts.name')}
            required
            data-autofocus
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
          />
          <TextInput
            label={t('organizations.contacts.nameKana')}
            value={form.nameKana}
            onChange={(e) => setForm({ ...form, nameKana: e.currentTarget.value })}
            error={errors.nameKana}
          />
          <TextInput
            label={t('organizations.contacts.title')}
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
            error={errors.title}
          />
          <TextInput
            label={t('organizations.contacts.phone')}
            type="tel"
            value={form.phone}
            onChange={(e) => setForm({ ...form, phone: e.currentTarget.value })}
            error={errors.phone}
          />
          <TextInput
            label={t('organizations.contacts.email')}
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            error={errors.email}
          />
          <Checkbox
            label={t('organizations.contacts.consent')}
            checked={form.contactConsent}
            onChange={(e) => setForm({ ...form, contactConsent: e.currentTarget.checked })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('organizations.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('organizations.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
