import {
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../components/ConsoleForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { useDesks } from '../admin-desks/api/use-desk-settings';
import { useDeskName } from '../cases/api/use-transfers';
import { useCreateMailbox } from '../mail/api/use-mail';

const EMPTY = {
  deskId: 'national',
  address: '',
  displayName: '',
  imapHost: '',
  imapPort: 993 as number | string,
  imapUser: '',
  imapPassword: '',
  signature: '',
  ackLanguage: 'ja' as 'ja' | 'en',
};

/** A new mailbox for a desk; the IMAP account is optional (a mailbox may only send). */
export function MailboxCreateForm() {
  const { t } = useTranslation();
  const desks = useDesks();
  const deskName = useDeskName();
  const create = useCreateMailbox();
  const [form, setForm] = useState(EMPTY);
  const errors = fieldErrors(create.error);
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        deskId: form.deskId,
        address: form.address,
        ...(form.displayName ? { displayName: form.displayName } : {}),
        ...(form.imapHost ? { imapHost: form.imapHost } : {}),
        ...(form.imapHost && typeof form.imapPort === 'number' ? { imapPort: form.imapPort } : {}),
        ...(form.imapUser ? { imapUser: form.imapUser } : {}),
        ...(form.imapPassword ? { imapPassword: form.imapPassword } : {}),
        ...(form.signature ? { signature: form.signature } : {}),
        ackLanguage: form.ackLanguage,
      },
      { onSuccess: () => setForm(EMPTY) },
    );
  };

  return (
    <Card
      withBorder
      component={ConsoleForm}
      onSubmit={submit}
      aria-labelledby="mailbox-create-title"
    >
      <Title order={3} size="h4" mb="sm" id="mailbox-create-title">
        {t('mailboxes.create')}
      </Title>
      <ErrorAlert error={create.error} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Select
          label={t('mailboxes.desk')}
          data={(desks.data ?? []).map((d) => ({ value: d.id, label: deskName(d.id) }))}
          value={form.deskId}
          onChange={(v) => set('deskId', v ?? 'national')}
          allowDeselect={false}
          error={errors.deskId}
        />
        <TextInput
          label={t('mailboxes.address')}
          required
          type="email"
          value={form.address}
          onChange={(e) => set('address', e.currentTarget.value)}
          error={errors.address}
        />
        <TextInput
          label={t('mailboxes.displayName')}
          value={form.displayName}
          onChange={(e) => set('displayName', e.currentTarget.value)}
          error={errors.displayName}
        />
        <Select
          label={t('mailboxes.ackLanguage')}
          data={[
            { value: 'ja', label: t('language.ja') },
            { value: 'en', label: t('language.en') },
          ]}
          value={form.ackLanguage}
          onChange={(v) => set('ackLanguage', v === 'en' ? 'en' : 'ja')}
          allowDeselect={false}
        />
        <TextInput
          label={t('mailboxes.imapHost')}
          value={form.imapHost}
          onChange={(e) => set('imapHost', e.currentTarget.value)}
          error={errors.imapHost}
        />
        <NumberInput
          label={t('mailboxes.imapPort')}
          value={form.imapPort}
          onChange={(v) => set('imapPort', v)}
          min={1}
          max={65535}
          error={errors.imapPort}
        />
        <TextInput
          label={t('mailboxes.imapUser')}
          value={form.imapUser}
          onChange={(e) => set('imapUser', e.currentTarget.value)}
          error={errors.imapUser}
        />
        <PasswordInput
          label={t('mailboxes.imapPassword')}
          description={t('mailboxes.passwordHint')}
          value={form.imapPassword}
          onChange={(e) => set('imapPassword', e.currentTarget.value)}
          error={errors.imapPassword}
        />
      </SimpleGrid>
      <Textarea
        mt="sm"
        label={t('mailboxes.signature')}
        autosize
        minRows={3}
        value={form.signature}
        onChange={(e) => set('signature', e.currentTarget.value)}
        error={errors.signature}
      />
      <Group mt="md">
        <Button type="submit" loading={create.isPending}>
          {t('mailboxes.save')}
        </Button>
      </Group>
    </Card>
  );
}
