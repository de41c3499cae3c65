import { NumberInput } from '@mantine/core';

const FIRST = 2000;
const LAST = 2100;

type FiscalYearPickerProps = { label: string } & (
  | { optional?: false; value: number; onChange: (fiscalYear: number) => void }
  // A filter over every year when left empty: clearing the field passes undefined on.
  | {
      optional: true;
      value: number | undefined;
      onChange: (fiscalYear: number | undefined) => void;
    }
);

/**
 * A fiscal year typed or stepped; only a whole year in range is passed on, so a half-typed
 * number never reaches a query. Unless `optional`, an emptied field keeps the last year.
 */
export function FiscalYearPicker(props: FiscalYearPickerProps) {
  return (
    <NumberInput
      label={props.label}
      min={FIRST}
      max={LAST}
      w={140}
      value={props.value ?? ''}
      onChange={(v) => {
        if (typeof v === 'number' && v >= FIRST && v <= LAST) {
          props.onChange(v);
        } else if (props.optional && v === '') {
          props.onChange(undefined);
        }
      }}
    />
  );
}
