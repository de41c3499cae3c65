import { Button, Checkbox, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { toastDone } from '../../lib/toast';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { type FollowUp, useCompleteFollowUp } from './api/use-follow-ups';
import { ConsoleForm } from '../../components/ConsoleForm';

const ADOPTION = ['adopted', 'planned', 'not_adopted', 'unknown'] as const;

/** Records a follow-up's result; an outcome check asks its two questions. */
export function CompleteFollowUpModal({
  value,
  onClose,
}: {
  value: FollowUp | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const complete = useCompleteFollowUp();
  const [adopted, setAdopted] = useState<string | null>(null);
  const [subsidyApplied, setSubsidyApplied] = useState(false);
  const [resultNote, setResultNote] = useState('');
  const errors = fieldErrors(complete.error);
  const outcomeCheck = value?.kind === 'outcome_check';
  return (
    <Modal
      opened={value !== null}
      onClose={onClose}
      title={t('followUps.complete')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {value && (
        <Stack
          component={ConsoleForm}
          onSubmit={(e) => {
            e.preventDefault();
            complete.mutate(
              {
                id: value.id,
                body: {
                  version: value.version,
                  adopted: (adopted ?? undefined) as (typeof ADOPTION)[number] | undefined,
                  subsidyApplied: outcomeCheck ? subsidyApplied : undefined,
                  resultNote: resultNote || undefined,
                },
              },
              { onSuccess: () => (toastDone(t('followUps.completed')), onClose()) },
            );
          }}
        >
          {outcomeCheck && (
            <>
              <Select
                label={t('followUps.adopted')}
                required
                data={ADOPTION.map((a) => ({ value: a, label: t(`cases.outcomes.${a}`) }))}
                value={adopted}
                onChange={setAdopted}
                error={errors.adopted}
              />
              <Checkbox
                label={t('followUps.subsidyApplied')}
                checked={subsidyApplied}
                onChange={(e) => setSubsidyApplied(e.currentTarget.checked)}
              />
            </>
          )}
          <Textarea
            label={t('followUps.resultNote')}
            autosize
            minRows={2}
            data-autofocus
            value={resultNote}
            onChange={(e) => setResultNote(e.currentTarget.value)}
            error={errors.resultNote}
          />
          {complete.error && Object.keys(errors).length === 0 && (
            <ErrorAlert error={complete.error} />
          )}
          <Button type="submit" loading={complete.isPending}>
            {t('followUps.complete')}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}
