import { CHANNELS } from '@madoguchi/domain';
import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ARRIVES_EARLIER, type Channel } from './intake-draft';
import { ReceivedAtInput } from './IntakeParts';
import type { IntakeFormState } from './use-intake-form';

/** How the inquiry came in, and for mail and the web form when it arrived. */
export function IntakeChannelFields({
  state,
  receivedAtError,
}: {
  state: IntakeFormState;
  receivedAtError?: string;
}) {
  const { t } = useTranslation();
  const { form, set } = state;
  return (
    <>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="channel-label">
          {t('cases.channel')}
        </Text>
        <SegmentedControl
          aria-labelledby="channel-label"
          value={form.channel}
          onChange={(v) => state.chooseChannel(v as Channel)}
          data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
        />
      </Stack>
      {ARRIVES_EARLIER.includes(form.channel) && (
        <ReceivedAtInput
          value={form.receivedAt}
          onChange={(v) => set('receivedAt', v)}
          error={receivedAtError}
        />
      )}
    </>
  );
}
