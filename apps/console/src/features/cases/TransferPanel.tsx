import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../lib/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import type { Case } from './api/use-cases';
import {
  useAcceptTransfer,
  useBounceTransfer,
  useDesks,
  useDeskName,
  useRequestTransfer,
  useWithdrawTransfer,
} from './api/use-transfers';
import { toastDone } from '../../lib/toast';
import { ConsoleForm } from '../../components/ConsoleForm';

/**
 * Transfers between desks: the owning desk asks, the receiving desk accepts or bounces
 * with a reason before the acceptance deadline. Both sides see where it stands.
 */
export function TransferPanel({ value }: { value: Case }) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const { user } = useSession();
  const navigate = useNavigate();
  const desks = useDesks();
  const request = useRequestTransfer(value.id);
  const accept = useAcceptTransfer(value.id);
  const bounce = useBounceTransfer(value.id);
  const withdraw = useWithdrawTransfer(value.id);
  const [asking, setAsking] = useState(false);
  const [bouncing, setBouncing] = useState(false);
  const [deskId, setDeskId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const deskName = useDeskName();
  const pending = value.pendingTransfer;
  const myDesk = user?.deskId ?? 'national';
  const receiving = pending !== null && pending.toDeskId === myDesk;
  const canWrite = user?.role === 'operator' || user?.role === 'desk_staff';
  // The sending desk may take back what the other desk has not answered yet.
  const sending = pending !== null && pending.fromDeskId === myDesk && canWrite;
  const requestErrors = fieldErrors(request.error);
  const bounceErrors = fieldErrors(bounce.error);

  return (
    <>
      {pending && (
        <Alert
          color={receiving ? 'blue' : 'gray'}
          title={t('transfer.pendingTitle', { to: deskName(pending.toDeskId) })}
          data-testid="pending-transfer"
        >
          <Stack gap="xs">
            <Text size="sm">
              {t('transfer.reason')}: {pending.reason}
            </Text>
            <Text size="sm">
              {t('transfer.acceptBy')}: {formatDateTime(pending.acceptDueAt, i18n.language)}
            </Text>
            {receiving && (
              <Group gap="xs">
                <Button
                  size="xs"
                  loading={accept.isPending}
                  onClick={() =>
                    accept.mutate(undefined, {
                      onSuccess: () => toastDone(t('transfer.accepted')),
                    })
                  }
                >
                  {t('transfer.accept')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setBouncing(true)}>
                  {t('transfer.bounce')}
                </Button>
              </Group>
            )}
            {sending && (
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="default"
                  loading={withdraw.isPending}
                  onClick={() =>
                    withdraw.mutate(undefined, {
                      onSuccess: () => toastDone(t('transfer.withdrawn')),
                    })
                  }
                >
                  {t('transfer.withdraw')}
                </Button>
              </Group>
            )}
            <ErrorAlert error={accept.error ?? withdraw.error} />
          </Stack>
        </Alert>
      )}
      {!pending && canWrite && value.status !== 'closed' && (
        <Group>
          <Button size="xs" variant="default" onClick={() => setAsking(true)}>
            {t('transfer.request')}
          </Button>
        </Group>
      )}
      <Modal
        opened={asking}
        onClose={() => setAsking(false)}
        title={t('transfer.request')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack
          component={ConsoleForm}
          onSubmit={(e) => {
            e.preventDefault();
            request.mutate(
              { deskId: deskId ?? '', reason, version: value.version },
              {
                onSuccess: () => (
                  setAsking(false),
                  setReason(''),
                  toastDone(t('transfer.requested'))
                ),
              },
            );
          }}
        >
          <Select
            label={t('transfer.toDesk')}
            required
            searchable
            data={(desks.data ?? [])
              .filter((d) => d.id !== value.deskId && d.active)
              .map((d) => ({ value: d.id, label: ja ? d.nameJa : d.nameEn }))}
            value={deskId}
            onChange={setDeskId}
            error={requestErrors.deskId}
          />
          <Textarea
            label={t('transfer.reason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={requestErrors.reason}
          />
          {request.error && Object.keys(requestErrors).length === 0 && (
            <ErrorAlert error={request.error} />
          )}
          <Button type="submit" loading={request.isPending}>
            {t('transfer.send')}
          </Button>
        </Stack>
      </Modal>
      <Modal
        opened={bouncing}
        onClose={() => setBouncing(false)}
        title={t('transfer.bounce')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack
          component={ConsoleForm}
          onSubmit={(e) => {
            e.preventDefault();
            bounce.mutate(
              { reason },
              {
                onSuccess: () => {
                  toastDone(t('transfer.bounced'));
                  void navigate('/cases?view=incoming');
                },
              },
            );
          }}
        >
          <Textarea
            label={t('transfer.bounceReason')}
            required
            data-autofocus
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={bounceErrors.reason}
          />
          {bounce.error && Object.keys(bounceErrors).length === 0 && (
            <ErrorAlert error={bounce.error} />
          )}
          <Button type="submit" loading={bounce.isPending}>
            {t('transfer.bounce')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
