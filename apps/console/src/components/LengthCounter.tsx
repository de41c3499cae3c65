import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Characters used of a field's limit, under the field; over the limit it turns red, before the
 * API refuses it. Put the description after the input:
 * `inputWrapperOrder={COUNTER_ORDER}`.
 */
export function LengthCounter({ value, max }: { value: string; max: number }) {
  const { t } = useTranslation();
  const over = value.length > max;
  return (
    <Text component="span" size="xs" c={over ? 'red.9' : 'gray.7'} data-over={over || undefined}>
      {t('fieldError.counter', { count: value.length, max })}
    </Text>
  );
}

export const COUNTER_ORDER: ('label' | 'input' | 'description' | 'error')[] = [
  'label',
  'input',
  'description',
  'error',
];
