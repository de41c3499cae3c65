import { Button, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { toastDone } from '../../lib/toast';
import { useTranslation } from 'react-i18next';
import { useAttemptErrors } from '../../lib/attempt-errors';
import { fieldErrors, missingRequired } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import { type Session, useComplete } from './api/use-sessions';
import { ClosingErrorAlert } from './SessionRefusal';
import { ConsoleForm } from '../../components/ConsoleForm';

/**
 * The expert's report (or the desk's, on their behalf); completing the session also schedules
 * the outcome checks. Mount it only while open, so each report starts from a clean form.
 */
export function ReportModal({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const complete = useComplete();
  const [findings, setFindings] = useState('');
  const [recommendations, setRecommendations] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const [minutes, setMinutes] = useState<number | string>(session.durationMinutes);
  const [honorarium, setHonorarium] = useState<number | string>('');
  const required = { findings, recommendations, nextSteps, minutesSpent: minutes };
  const { attempt, shown } = useAttemptErrors(required);
  const server = fieldErrors(complete.error);
  // The console's own "required" first (the form is noValidate); the API's words otherwise.
  const local = shown({});
  const invalid = (field: string) =>
    local[field] ?? (server[field] ? t('sessions.errors.invalid') : undefined);
  const errors = server;
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('sessions.reportTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component={ConsoleForm}
        onSubmit={(e) => {
          e.preventDefault();
          const missing = missingRequired(required);
          complete.reset();
          attempt(missing);
          if (Object.keys(missing).length > 0) {
            return;
          }
          complete.mutate(
            {
              id: session.id,
              body: {
                findings,
                recommendations,
                nextSteps,
                minutesSpent: Number(minutes),
                honorariumYen: honorarium === '' ? null : Number(honorarium),
              },
            },
            { onSuccess: () => (toastDone(t('sessions.reported')), onClose()) },
          );
        }}
      >
        <Text size="sm">
          {formatDateTime(session.scheduledStart, i18n.language)} · {session.organizationName} ·{' '}
          {t(`sessions.kinds.${session.kind}`)}
        </Text>
        <Textarea
          label={t('sessions.findings')}
          required
          autosize
          minRows={3}
          data-autofocus
          value={findings}
          onChange={(e) => setFindings(e.currentTarget.value)}
          error={local.findings ?? (errors.findings && t('sessions.errors.findingsRequired'))}
        />
        <Textarea
          label={t('sessions.recommendations')}
          required
          autosize
          minRows={2}
          value={recommendations}
          onChange={(e) => setRecommendations(e.currentTarget.value)}
          error={invalid('recommendations')}
        />
        <Textarea
          label={t('sessions.nextSteps')}
          required
          autosize
          minRows={2}
          value={nextSteps}
          onChange={(e) => setNextSteps(e.currentTarget.value)}
          error={invalid('nextSteps')}
        />
        <NumberInput
          label={t('sessions.minutesSpent')}
          required
          min={0}
          max={1440}
          allowDecimal={false}
          value={minutes}
          onChange={setMinutes}
          error={local.minutesSpent ?? (errors.minutesSpent && t('sessions.errors.minutesSpent'))}
        />
        <NumberInput
          label={t('sessions.honorarium')}
          description={t('sessions.honorariumHint')}
          min={0}
          allowDecimal={false}
          thousandSeparator=","
          value={honorarium}
          onChange={setHonorarium}
          error={invalid('honorariumYen')}
        />
        {complete.error && Object.keys(errors).length === 0 && (
          <ClosingErrorAlert error={complete.error} />
        )}
        <Button type="submit" loading={complete.isPending}>
          {t('sessions.submitReport')}
        </Button>
      </Stack>
    </Modal>
  );
}
