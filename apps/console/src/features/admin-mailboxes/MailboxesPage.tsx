import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { type Mailbox, useMailboxes, useUpdateMailbox } from '../mail/api/use-mail';
import { MailboxCreateForm } from './MailboxCreateForm';
import { MailboxTable } from './MailboxTable';

/** Admin: each desk's mailboxes. Passwords are write-only: the API never returns them. */
export function MailboxesPage() {
  const { t } = useTranslation();
  const mailboxes = useMailboxes();
  const update = useUpdateMailbox();
  const toggle = (m: Mailbox) =>
    update.mutate({ id: m.id, body: { version: m.version, active: !m.active } });

  return (
    <Stack>
      <Title order={2}>{t('mailboxes.title')}</Title>
      <ErrorAlert error={mailboxes.error ?? update.error} />
      <MailboxTable mailboxes={mailboxes.data ?? []} onToggle={toggle} />
      <MailboxCreateForm />
    </Stack>
  );
}
