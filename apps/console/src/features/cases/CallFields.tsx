import { SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseEdit } from './merge-edit';

/** A call's length (typed as text, parsed by the form) and its direction. */
export function CallFields({
  durationText,
  onDurationText,
  invalid,
  error,
  direction,
  onDirection,
}: {
  durationText: string;
  onDurationText: (text: string) => void;
  /** The text is not a duration. */
  invalid: boolean;
  /** The API's word on the duration. */
  error?: string;
  direction: CaseEdit['callDirection'];
  onDirection: (direction: CaseEdit['callDirection']) => void;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput
        label={t('cases.callDuration')}
        description={t('cases.callDurationHint')}
        inputMode="numeric"
        value={durationText}
        onChange={(e) => onDurationText(e.currentTarget.value)}
        error={invalid ? t('cases.callDurationInvalid') : error}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="call-direction-label">
          {t('cases.callDirection')}
        </Text>
        <SegmentedControl
          aria-labelledby="call-direction-label"
          value={direction ?? ''}
          onChange={(v) => onDirection((v || null) as CaseEdit['callDirection'])}
          data={[
            { value: '', label: '—' },
            { value: 'inbound', label: t('cases.directions.inbound') },
            { value: 'outbound', label: t('cases.directions.outbound') },
          ]}
        />
      </Stack>
    </SimpleGrid>
  );
}
