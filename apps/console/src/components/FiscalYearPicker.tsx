import { NumberInput } from '@mantine/core';

const FIRST = 2000;
const LAST = 2100;

/**
 * A fiscal year typed or stepped; only a whole year in range is passed on, so a half-typed
 * number never reaches a query.
 */
export function FiscalYearPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number;
  onChange: (fiscalYear: number) => void;
}) {
  return (
    <NumberInput
      label={label}
      min={FIRST}
      max={LAST}
      w={140}
      value={value}
      onChange={(v) => typeof v === 'number' && v >= FIRST && v <= LAST && onChange(v)}
    />
  );
}
