import { Button, Card, CopyButton, Group, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCalendarToken, useMyExpertProfile } from './api/use-sessions';

/** A private iCalendar URL of the expert's sessions; issuing a new one revokes the old. */
export function CalendarFeed() {
  const { t } = useTranslation();
  const me = useMyExpertProfile();
  const token = useCalendarToken();
  const expertId = me.data?.id;
  const url = token.data ? `${window.location.origin}${token.data.url}` : null;
  if (!expertId) {
    return <ErrorAlert error={me.error} />;
  }
  return (
    <Card withBorder component="section" aria-labelledby="calendar-feed-title">
      <Title order={3} size="h5" mb="xs" id="calendar-feed-title">
        {t('sessions.feed')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('sessions.feedHint')}
      </Text>
      <Group>
        <Button
          size="xs"
          variant="default"
          loading={token.isPending && token.variables.action === 'create'}
          onClick={() => token.mutate({ expertId, action: 'create' })}
        >
          {t('sessions.feedCreate')}
        </Button>
        <Button
          size="xs"
          variant="outline"
          color="red.9"
          loading={token.isPending && token.variables.action === 'revoke'}
          onClick={() => token.mutate({ expertId, action: 'revoke' })}
        >
          {t('sessions.feedRevoke')}
        </Button>
      </Group>
      {url && (
        <Group mt="xs" gap="xs" align="flex-end">
          <TextInput
            readOnly
            value={url}
            label={t('sessions.feedUrl')}
            description={t('sessions.feedOnce')}
            style={{ flex: 1 }}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button size="sm" onClick={copy}>
                {copied ? t('sessions.copied') : t('sessions.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      )}
      {token.isSuccess && token.data === null && (
        <Text size="sm" mt="xs" role="status">
          {t('sessions.feedRevoked')}
        </Text>
      )}
      <ErrorAlert error={token.error} />
    </Card>
  );
}
