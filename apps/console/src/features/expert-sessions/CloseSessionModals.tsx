import { Button, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../components/ConsoleForm';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import { toastDone } from '../../lib/toast';
import { type Session, useCancel, useNoShow } from './api/use-sessions';
import { ClosingErrorAlert } from './SessionRefusal';

/** A scheduled session ended without a report: cancelled with a reason. */
export function CancelModal({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const cancel = useCancel();
  const [reason, setReason] = useState('');
  const errors = fieldErrors(cancel.error);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('sessions.cancelTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component={ConsoleForm}
        onSubmit={(e) => {
          e.preventDefault();
          cancel.mutate(
            { id: session.id, reason },
            { onSuccess: () => (toastDone(t('sessions.cancelled')), onClose()) },
          );
        }}
      >
        <Text size="sm">
          {formatDateTime(session.scheduledStart, i18n.language)} · {session.expertName}
        </Text>
        <Text size="sm">{t('sessions.cancelHint')}</Text>
        <Textarea
          label={t('sessions.cancelReason')}
          required
          data-autofocus
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason && t('sessions.errors.reasonRequired')}
        />
        {cancel.error && !errors.reason && <ClosingErrorAlert error={cancel.error} />}
        <Button type="submit" color="red.9" loading={cancel.isPending}>
          {t('sessions.confirmCancel')}
        </Button>
      </Stack>
    </Modal>
  );
}

/** The organization did not show up: the session still counts toward the allowance. */
export function NoShowModal({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const noShow = useNoShow();
  const [note, setNote] = useState('');
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('sessions.noShowTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component={ConsoleForm}
        onSubmit={(e) => {
          e.preventDefault();
          noShow.mutate(
            { id: session.id, note: note.trim() || undefined },
            { onSuccess: () => (toastDone(t('sessions.noShowRecorded')), onClose()) },
          );
        }}
      >
        <Text size="sm">
          {formatDateTime(session.scheduledStart, i18n.language)} · {session.expertName}
        </Text>
        <Text size="sm">{t('sessions.noShowHint')}</Text>
        <Textarea
          label={t('sessions.noShowNote')}
          data-autofocus
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <ClosingErrorAlert error={noShow.error} />
        <Button type="submit" color="red.9" loading={noShow.isPending}>
          {t('sessions.confirmNoShow')}
        </Button>
      </Stack>
    </Modal>
  );
}
