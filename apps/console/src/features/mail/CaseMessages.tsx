import { Anchor, Badge, Box, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format-date';
import { toastDone } from '../../lib/toast';
import {
  attachmentHref,
  type MailMessage,
  useCaseMessages,
  useReplyDraft,
  useRetryReply,
} from './api/use-mail';
import { useSession } from '../../lib/session';
import { readReplyDraft, ReplyComposer, replyDraftKey } from './ReplyComposer';

const kib = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1024))} KB`;

interface Props {
  caseId: string;
  caseNumber: string;
  contactName: string | null;
  contactEmail: string | null;
  /** Whether the reader may work the case, and so reply. */
  canWrite: boolean;
}

/**
 * The case's mail, received and sent, newest last, with its attachments and each reply's
 * sending state; those who work the case reply from here.
 */
export function CaseMessages({ caseId, caseNumber, contactName, contactEmail, canWrite }: Props) {
  const { t, i18n } = useTranslation();
  const messages = useCaseMessages(caseId);
  const draft = useReplyDraft(caseId, canWrite);
  const { user } = useSession();
  // An unsent reply left on this device reopens the composer with it.
  const [composing, setComposing] = useState(
    () => readReplyDraft(replyDraftKey(user?.id ?? 'anonymous', caseId)) !== null,
  );
  const items = messages.data ?? [];
  const mayReply = canWrite && !!draft.data?.from;
  if (!messages.isLoading && items.length === 0 && !messages.error && !mayReply) {
    return null;
  }
  return (
    <Card withBorder component="section" aria-labelledby="case-messages-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="case-messages-title">
          {t('mail.title')}
        </Title>
        {mayReply && !composing && (
          <Button size="xs" variant="light" onClick={() => setComposing(true)}>
            {t('mail.replyButton')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={messages.error} />
      {canWrite && draft.data && !draft.data.from && items.length > 0 && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('mail.noMailbox')}
        </Text>
      )}
      <Stack gap="md">
        {items.map((m) => (
          <Message
            key={m.id}
            message={m}
            language={i18n.language}
            caseId={caseId}
            canWrite={canWrite}
          />
        ))}
        {composing && draft.data && (
          <ReplyComposer
            caseId={caseId}
            caseNumber={caseNumber}
            draft={draft.data}
            contactName={contactName}
            contactEmail={contactEmail}
            onClose={() => setComposing(false)}
          />
        )}
      </Stack>
    </Card>
  );
}

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

function Message({
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
