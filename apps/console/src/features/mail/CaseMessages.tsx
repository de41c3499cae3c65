import { Anchor, Badge, Box, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format-date';
import { attachmentHref, type MailMessage, useCaseMessages } from './api/use-mail';

const kib = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The case's mail, received and sent, newest last, with its attachments. */
export function CaseMessages({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const messages = useCaseMessages(caseId);
  const items = messages.data ?? [];
  if (!messages.isLoading && items.length === 0 && !messages.error) {
    return null;
  }
  return (
    <Card withBorder component="section" aria-labelledby="case-messages-title">
      <Title order={3} size="h4" mb="sm" id="case-messages-title">
        {t('mail.title')}
      </Title>
      <ErrorAlert error={messages.error} />
      <Stack gap="md">
        {items.map((m) => (
          <Message key={m.id} message={m} language={i18n.language} />
        ))}
      </Stack>
    </Card>
  );
}

function Message({ message: m, language }: { message: MailMessage; language: string }) {
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
      </Group>
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
