import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCaseMessages, useReplyDraft } from './api/use-mail';
import { MailMessageView } from './MailMessageView';
import { useSession } from '../../lib/session';
import { readReplyDraft, replyDraftKey } from './reply-draft';
import { ReplyComposer } from './ReplyComposer';

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
          <MailMessageView
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
