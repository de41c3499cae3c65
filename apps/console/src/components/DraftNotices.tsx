import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DraftGuard } from '../lib/use-draft-guard';

/** The words of a leave prompt: each form says what is being left in its own terms. */
export interface LeaveTexts {
  title: string;
  body: string;
  discard: string;
  keepDraft: string;
  stay: string;
}

/** Asks before leaving a form with unsaved work: discard it, keep it as a draft, or stay. */
export function LeaveDraftModal({ guard, texts }: { guard: DraftGuard; texts: LeaveTexts }) {
  const { t } = useTranslation();
  const { blocker } = guard;
  return (
    <Modal
      opened={blocker.state === 'blocked'}
      onClose={() => blocker.reset?.()}
      title={texts.title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text size="sm">{texts.body}</Text>
        <Group justify="flex-end" gap="xs">
          <Button
            variant="default"
            color="red"
            onClick={() => {
              guard.release();
              guard.discard();
              blocker.proceed?.();
            }}
          >
            {texts.discard}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              guard.release();
              blocker.proceed?.();
            }}
          >
            {texts.keepDraft}
          </Button>
          <Button data-autofocus onClick={() => blocker.reset?.()}>
            {texts.stay}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Says that unsaved work came back from the device, with a way to throw it away. */
export function DraftRestoredNotice({
  message,
  discardLabel,
  onDiscard,
  testId,
}: {
  message: string;
  discardLabel: string;
  onDiscard: () => void;
  testId?: string;
}) {
  return (
    <Alert color="blue" py="xs" role="status" data-testid={testId}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{message}</Text>
        <Button size="compact-sm" variant="default" onClick={onDiscard}>
          {discardLabel}
        </Button>
      </Group>
    </Alert>
  );
}
