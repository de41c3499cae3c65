import { Button, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../components/ConsoleForm';
import { fieldErrors } from '../../lib/field-errors';
import { toastDone } from '../../lib/toast';
import { useGrant } from './api/use-sessions';
import { ClosingErrorAlert } from './SessionRefusal';

/** A manager's exception to the program limit: one more free session, with the reason on record. */
export function GrantModal({
  organizationId,
  onClose,
}: {
  organizationId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const grant = useGrant(organizationId);
  const [reason, setReason] = useState('');
  const errors = fieldErrors(grant.error);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('sessions.grant')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component={ConsoleForm}
        onSubmit={(e) => {
          e.preventDefault();
          grant.mutate(reason, { onSuccess: () => (toastDone(t('sessions.granted')), onClose()) });
        }}
      >
        <Text size="sm">{t('sessions.grantHint')}</Text>
        <Textarea
          label={t('sessions.grantReason')}
          required
          autosize
          minRows={3}
          data-autofocus
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason && t('sessions.errors.reasonRequired')}
        />
        {grant.error && !errors.reason && <ClosingErrorAlert error={grant.error} />}
        <Button type="submit" loading={grant.isPending}>
          {t('sessions.confirmGrant')}
        </Button>
      </Stack>
    </Modal>
  );
}
