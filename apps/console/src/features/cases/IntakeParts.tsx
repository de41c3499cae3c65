import { ActionIcon, Group, List, Modal, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../lib/use-now';
import { type CallTimer, formatTimer, timerSeconds } from './call-timer';
import { tokyoNowLocal } from './intake-draft';

/** The running call time, with its own one-second tick so the form does not re-render with it. */
export function CallTimerControl({ timer, onToggle }: { timer: CallTimer; onToggle: () => void }) {
  const { t } = useTranslation();
  const now = useNow(timer.runningSince === null ? 60_000 : 1_000);
  const running = timer.runningSince !== null;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" aria-live="off">
        {t('cases.callTimer')}:{' '}
        <time data-testid="call-timer">{formatTimer(timerSeconds(timer, now))}</time>
      </Text>
      <ActionIcon
        variant="default"
        size="md"
        onClick={onToggle}
        aria-label={running ? t('cases.timerPause') : t('cases.timerResume')}
        title={`${running ? t('cases.timerPause') : t('cases.timerResume')} (Alt+T)`}
      >
        <span aria-hidden>{running ? '❚❚' : '▶'}</span>
      </ActionIcon>
    </Group>
  );
}

/** When an email or web inquiry arrived (Tokyo time); empty means now. */
export function ReceivedAtInput({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const now = useNow(60_000);
  return (
    <TextInput
      type="datetime-local"
      label={t('cases.receivedAtInput')}
      description={t('cases.receivedAtHint')}
      max={tokyoNowLocal(now)}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      w={{ base: '100%', sm: 280 }}
    />
  );
}

export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('cases.shortcuts')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <List>
        <List.Item>{t('cases.shortcutList.newIntake')}</List.Item>
        <List.Item>{t('cases.shortcutList.save')}</List.Item>
        <List.Item>{t('cases.shortcutList.saveAndNew')}</List.Item>
        <List.Item>{t('cases.shortcutList.timer')}</List.Item>
        <List.Item>{t('cases.shortcutList.help')}</List.Item>
        <List.Item>{t('cases.shortcutList.next')}</List.Item>
        <List.Item>{t('cases.shortcutList.open')}</List.Item>
        <List.Item>{t('cases.shortcutList.select')}</List.Item>
        <List.Item>{t('cases.shortcutList.search')}</List.Item>
      </List>
    </Modal>
  );
}
