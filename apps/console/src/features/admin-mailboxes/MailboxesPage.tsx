import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import { useDesks } from '../admin-desks/api/use-desk-settings';
import { useDeskName } from '../cases/api/use-transfers';
import {
  type Mailbox,
  useCreateMailbox,
  useMailboxes,
  useUpdateMailbox,
} from '../mail/api/use-mail';
import { ConsoleForm } from '../../components/ConsoleForm';

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

/** Admin: each desk's mailboxes. Passwords are write-only: the API never returns them. */
export function MailboxesPage() {
  const { t, i18n } = useTranslation();
  const mailboxes = useMailboxes();
  const desks = useDesks();
  const create = useCreateMailbox();
  const update = useUpdateMailbox();
  const [form, setForm] = useState(EMPTY);
  const errors = fieldErrors(create.error);
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const deskName = useDeskName();
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
  const toggle = (m: Mailbox) =>
    update.mutate({ id: m.id, body: { version: m.version, active: !m.active } });

  return (
    <Stack>
      <Title order={2}>{t('mailboxes.title')}</Title>
      <ErrorAlert error={mailboxes.error ?? update.error} />
      <Table aria-label={t('mailboxes.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('mailboxes.address')}</Table.Th>
            <Table.Th>{t('mailboxes.desk')}</Table.Th>
            <Table.Th>{t('mailboxes.imap')}</Table.Th>
            <Table.Th>{t('mailboxes.status')}</Table.Th>
            <Table.Th>{t('mailboxes.active')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(mailboxes.data ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {m.address}
                </Text>
                {m.displayName && (
                  <Text size="xs" c="dimmed">
                    {m.displayName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{deskName(m.deskId)}</Table.Td>
              <Table.Td>
                {m.imapHost ? `${m.imapUser ?? ''}@${m.imapHost}:${m.imapPort ?? ''}` : '—'}{' '}
                {m.imapPasswordSet && (
                  <Badge variant="outline" color="gray.8">
                    {t('mailboxes.passwordSet')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <MailboxStatus mailbox={m} language={i18n.language} />
              </Table.Td>
              <Table.Td>
                <Switch
                  checked={m.active}
                  onChange={() => toggle(m)}
                  aria-label={t('mailboxes.activeFor', { address: m.address })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
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
    </Stack>
  );
}

/**
 * Whether the inbox is being fetched and by which instance, when it was last checked, the last
 * error (current while no check has succeeded since), and what became of the mail received.
 */
function MailboxStatus({ mailbox: m, language }: { mailbox: Mailbox; language: string }) {
  const { t } = useTranslation();
  const failing =
    m.lastErrorAt !== null &&
    (m.lastPolledAt === null || Date.parse(m.lastErrorAt) >= Date.parse(m.lastPolledAt));
  return (
    <Stack gap={2}>
      {m.lastError && failing ? (
        <Text size="sm" c="red.9" role="status">
          {m.lastError}
          {m.lastErrorAt ? ` (${formatDateTime(m.lastErrorAt, language)})` : ''}
        </Text>
      ) : (
        <Text size="sm">{t('mailboxes.ok')}</Text>
      )}
      {m.imapHost && (
        <Text size="xs" c="dimmed">
          {m.pollingBy
            ? t('mailboxes.polling', { holder: m.pollingBy })
            : t('mailboxes.notPolling')}
          {m.lastPolledAt
            ? ` · ${t('mailboxes.lastPolled', { at: formatDateTime(m.lastPolledAt, language) })}`
            : ''}
        </Text>
      )}
      {m.lastError && !failing && (
        <Text size="xs" c="dimmed">
          {t('mailboxes.lastErrorResolved', { error: m.lastError })}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('mailboxes.counts', m.messageCounts)}
      </Text>
    </Stack>
  );
}
