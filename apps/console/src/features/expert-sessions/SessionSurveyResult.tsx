import { Badge, Blockquote, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format-date';
import { type SessionSurvey, useSessionSurvey } from './api/use-session-surveys';

/**
 * A session's satisfaction survey as staff and the expert read it: the scores, the intention
 * and the comment once answered; otherwise when it was sent, reminded and resent.
 */
export function SessionSurveyResult({ survey }: { survey: SessionSurvey | null | undefined }) {
  const { t, i18n } = useTranslation();
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  if (!survey) {
    return (
      <Text size="xs" c="dimmed" data-testid="session-survey">
        {t('surveys.notSent')}
      </Text>
    );
  }
  const optedOut = survey.contactOptedOut && (
    <Badge size="xs" variant="outline" color="gray.8">
      {t('surveys.optedOut')}
    </Badge>
  );
  if (survey.status !== 'answered') {
    const sent = [
      t('surveys.sentAt', { at: at(survey.invitedAt) }),
      survey.remindedAt && t('surveys.remindedAt', { at: at(survey.remindedAt) }),
      survey.resentAt && t('surveys.resentAt', { at: at(survey.resentAt) }),
    ]
      .filter(Boolean)
      .join(t('surveys.separator'));
    return (
      <Group gap="xs" data-testid="session-survey">
        <Text size="xs">
          {survey.status === 'expired'
            ? t('surveys.expired', { sent })
            : t('surveys.notAnswered', { sent })}
        </Text>
        {optedOut}
      </Group>
    );
  }
  return (
    <Stack gap={2} data-testid="session-survey">
      <Group gap="xs">
        <Text size="xs" fw={600}>
          {t('surveys.scores', { overall: survey.overall, usefulness: survey.usefulness })}
        </Text>
        {survey.teleworkIntent && (
          <Text size="xs">
            {t('surveys.intentLabel')}
            {t(`surveys.intents.${survey.teleworkIntent}`)}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('surveys.answeredAt', { at: at(survey.answeredAt!) })}
        </Text>
        {optedOut}
      </Group>
      {survey.comment && (
        <Blockquote p={4} pl="xs" fz="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {survey.comment}
        </Blockquote>
      )}
    </Stack>
  );
}

/** The survey line of one session, fetched on its own (the expert's list spans many cases). */
export function SessionSurveyOf({ sessionId }: { sessionId: string }) {
  const survey = useSessionSurvey(sessionId, true);
  return survey.isPending ? null : <SessionSurveyResult survey={survey.data} />;
}
