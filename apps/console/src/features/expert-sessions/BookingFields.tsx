import { type Schemas } from '@madoguchi/api-client';
import { SESSION_KINDS, type SessionKind } from '@madoguchi/domain';
import {
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Mode = Schemas['BookSessionDto']['mode'];

/** The session kind, and the reason for it when the kind does not follow the sessions so far. */
export function KindFields({
  kind,
  onKind,
  needsReason,
  reason,
  onReason,
  error,
}: {
  kind: SessionKind;
  onKind: (kind: SessionKind | null) => void;
  needsReason: boolean;
  reason: string;
  onReason: (reason: string) => void;
  error: (field: 'kind' | 'kindOverrideReason') => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        label={t('sessions.kind')}
        required
        allowDeselect={false}
        data={SESSION_KINDS.map((k) => ({ value: k, label: t(`sessions.kinds.${k}`) }))}
        value={kind}
        onChange={(value) => onKind(value as SessionKind | null)}
        error={error('kind')}
      />
      {needsReason && (
        <Textarea
          label={t('sessions.overrideReason')}
          description={t('sessions.overrideHint')}
          withAsterisk
          value={reason}
          onChange={(e) => onReason(e.currentTarget.value)}
          error={error('kindOverrideReason')}
        />
      )}
    </>
  );
}

/** How long, how (online or on site) and where the session is held. */
export function HowFields({
  duration,
  onDuration,
  mode,
  onMode,
  location,
  onLocation,
  error,
}: {
  duration: number | string;
  onDuration: (duration: number | string) => void;
  mode: Mode;
  onMode: (mode: Mode) => void;
  location: string;
  onLocation: (location: string) => void;
  error: (field: 'durationMinutes' | 'location') => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SimpleGrid cols={2}>
        <DurationInput value={duration} onChange={onDuration} error={error('durationMinutes')} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="session-mode-label">
            {t('sessions.mode')}
          </Text>
          <SegmentedControl
            aria-labelledby="session-mode-label"
            value={mode}
            onChange={(value) => onMode(value as Mode)}
            data={[
              { value: 'online', label: t('sessions.modes.online') },
              { value: 'onsite', label: t('sessions.modes.onsite') },
            ]}
          />
        </Stack>
      </SimpleGrid>
      <TextInput
        label={mode === 'onsite' ? t('sessions.address') : t('sessions.location')}
        value={location}
        onChange={(e) => onLocation(e.currentTarget.value)}
        error={error('location')}
      />
    </>
  );
}

/** A session's length in minutes, in quarter hours up to a working day. */
export function DurationInput({
  value,
  onChange,
  error,
}: {
  value: number | string;
  onChange: (value: number | string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <NumberInput
      label={t('sessions.duration')}
      required
      min={15}
      max={480}
      step={15}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
