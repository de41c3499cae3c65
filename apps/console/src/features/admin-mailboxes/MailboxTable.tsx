import { Badge, Stack, Switch, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format-date';
import { useDeskName } from '../cases/api/use-transfers';
import type { Mailbox } from '../mail/api/use-mail';

/** The mailboxes with their desk, IMAP account, fetching state and an on/off switch. */
export function MailboxTable({
  mailboxes,
  onToggle,
}: {
  mailboxes: Mailbox[];
  onToggle: (mailbox: Mailbox) => void;
}) {
  const { t, i18n } = useTranslation();
  const deskName = useDeskName();
  return (
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
        {mailboxes.map((m) => (
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
                onChange={() => onToggle(m)}
                aria-label={t('mailboxes.activeFor', { address: m.address })}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
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
