import { Anchor, Badge, Box, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format-date';
import { toastDone } from '../../lib/toast';
import { attachmentHref, type MailMessage, useRetryReply } from './api/use-mail';

const kib = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** An outgoing reply's state: waiting (with its attempts so far), or failed with a retry. */
function SendState({
  message: m,
  caseId,
  canWrite,
}: {
  message: MailMessage;
  caseId: string;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const retry = useRetryReply(caseId);
  if (m.sendStatus === 'pending') {
    return (
      <Badge variant="outline" color="yellow.9">
        {m.sendAttempts > 0
          ? t('mail.pendingRetry', { attempts: m.sendAttempts })
          : t('mail.pending')}
      </Badge>
    );
  }
  if (m.sendStatus !== 'failed') {
    return null;
  }
  return (
    <Group gap="xs">
      <Badge variant="outline" color="red.9">
        {t('mail.failed')}
      </Badge>
      {m.sendError && (
        <Text size="xs" c="red.9">
          {m.sendError}
        </Text>
      )}
      {canWrite && (
        <Button
          size="compact-xs"
          variant="default"
          loading={retry.isPending}
          onClick={() => retry.mutate(m.id, { onSuccess: () => toastDone(t('mail.retried')) })}
        >
          {t('mail.retry')}
        </Button>
      )}
    </Group>
  );
}

/** One mail with its headers, its body (sanitized HTML or text) and its attachments. */
export function MailMessageView({
  message: m,
  language,
  caseId,
  canWrite,
}: {
  message: MailMessage;
  language: string;
  caseId: string;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Box
      component="article"
      aria-label={m.subject || t('mail.noSubject')}
      data-testid="mail-message"
    >
      <Group gap="xs" mb={4}>
        <Badge variant="outline" color={m.direction === 'in' ? 'blue.9' : 'teal.9'}>
          {m.direction === 'in' ? t('mail.received') : t('mail.sent')}
        </Badge>
        <Text size="sm" fw={600}>
          {m.direction === 'in' ? m.fromName || m.fromAddress : m.to.join(', ')}
        </Text>
        {m.direction === 'in' && m.fromName && (
          <Text size="sm" c="dimmed">
            {m.fromAddress}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {formatDateTime(m.sentAt ?? m.receivedAt, language)}
        </Text>
        <SendState message={m} caseId={caseId} canWrite={canWrite} />
      </Group>
      {m.cc.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('mail.cc', { addresses: m.cc.join(', ') })}
        </Text>
      )}
      <Text fw={600} size="sm">
        {m.subject || t('mail.noSubject')}
      </Text>
      {m.html ? (
        // Sanitized by the API (no scripts, handlers, remote images or forms), and the console's
        // Content-Security-Policy forbids inline script besides.
        <Box
          className="mail-html"
          fz="sm"
          data-testid="mail-html"
          dangerouslySetInnerHTML={{ __html: m.html }}
        />
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {m.text}
        </Text>
      )}
      {m.attachments.length > 0 && (
        <Group gap="sm" mt="xs" aria-label={t('mail.attachments')} role="list">
          {m.attachments.map((a) => (
            <Group key={a.id} gap={4} role="listitem">
              {a.status === 'stored' ? (
                <Anchor href={attachmentHref(a.id)} download={a.filename} size="sm">
                  {a.filename}
                </Anchor>
              ) : (
                <Text size="sm">{a.filename}</Text>
              )}
              <Text size="xs" c="dimmed">
                {kib(a.size)}
              </Text>
              {a.status === 'quarantined' && (
                <Badge color="red.9" variant="outline">
                  {t('mail.quarantined')}
                </Badge>
              )}
              {a.status === 'too_large' && (
                <Badge color="gray.8" variant="outline">
                  {t('mail.tooLarge')}
                </Badge>
              )}
            </Group>
          ))}
        </Group>
      )}
    </Box>
  );
}
