import { Button, Modal, NumberInput, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { type Session, useComplete } from './api/use-sessions';

/** The expert's report; completing the session also schedules the outcome checks. */
export function ReportModal({
  session,
  onClose,
}: {
  session: Session | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const complete = useComplete();
  const [findings, setFindings] = useState('');
  const [recommendations, setRecommendations] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const [minutes, setMinutes] = useState<number | string>(session?.durationMinutes ?? 90);
  const [honorarium, setHonorarium] = useState<number | string>('');
  const errors = fieldErrors(complete.error);
  return (
    <Modal
      opened={session !== null}
      onClose={onClose}
      title={t('sessions.report')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {session && (
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
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
              { onSuccess: onClose },
            );
          }}
        >
          <Textarea
            label={t('sessions.findings')}
            required
            autosize
            minRows={3}
            data-autofocus
            value={findings}
            onChange={(e) => setFindings(e.currentTarget.value)}
            error={errors.findings}
          />
          <Textarea
            label={t('sessions.recommendations')}
            required
            autosize
            minRows={2}
            value={recommendations}
            onChange={(e) => setRecommendations(e.currentTarget.value)}
            error={errors.recommendations}
          />
          <Textarea
            label={t('sessions.nextSteps')}
            required
            autosize
            minRows={2}
            value={nextSteps}
            onChange={(e) => setNextSteps(e.currentTarget.value)}
            error={errors.nextSteps}
          />
          <NumberInput
            label={t('sessions.minutesSpent')}
            required
            min={0}
            max={1440}
            value={minutes}
            onChange={setMinutes}
            error={errors.minutesSpent}
          />
          <NumberInput
            label={t('sessions.honorarium')}
            min={0}
            thousandSeparator=","
            suffix=" 円"
            value={honorarium}
            onChange={setHonorarium}
            error={errors.honorariumYen}
          />
          {complete.error && Object.keys(errors).length === 0 && (
            <ErrorAlert error={complete.error} />
          )}
          <Button type="submit" loading={complete.isPending}>
            {t('sessions.submitReport')}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}
