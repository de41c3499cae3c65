import { isValidCorporateNumber, normalizeCorporateNumber } from '@madoguchi/domain';
import { Loader, TextInput } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Organization,
  useOrganizationByCorporateNumber,
} from '../organizations/api/use-organizations';

/** The valid 13-digit number in what was typed (full-width digits and hyphens allowed), or null. */
export function validCorporateNumber(value: string): string | null {
  const n = normalizeCorporateNumber(value);
  return n && isValidCorporateNumber(n) ? n : null;
}

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** The number belongs to a registered organization. */
  onFound: (organization: Organization) => void;
  /** A valid number that no organization has yet. */
  onNotFound: (corporateNumber: string) => void;
  pickedId: string | null;
}

/**
 * 法人番号 at intake: a valid number (check digit verified) looks the organization up and picks
 * it; an unknown one goes to the new organization.
 */
export function CorporateNumberField({ value, onChange, onFound, onNotFound, pickedId }: Props) {
  const { t } = useTranslation();
  const normalized = normalizeCorporateNumber(value);
  const valid = validCorporateNumber(value);
  const lookup = useOrganizationByCorporateNumber(valid);
  const handled = useRef<string | null>(null);

  // Each number is acted on once: the user may pick something else afterwards.
  useEffect(() => {
    if (!valid || !lookup.isSuccess || handled.current === valid) {
      return;
    }
    handled.current = valid;
    if (lookup.data) {
      onFound(lookup.data);
    } else {
      onNotFound(valid);
    }
  }, [valid, lookup.isSuccess, lookup.data, onFound, onNotFound]);

  const digits = value.normalize('NFKC').replace(/\D/g, '').length;
  const error = !value.trim()
    ? undefined
    : !normalized
      ? digits >= 13
        ? t('cases.corporateNumberDigits')
        : undefined
      : !valid
        ? t('cases.corporateNumberInvalid')
        : undefined;
  const found = valid && lookup.data ? lookup.data : null;
  const description = found
    ? found.id === pickedId
      ? t('cases.corporateNumberFound', { name: found.name })
      : undefined
    : valid && lookup.isSuccess
      ? t('cases.corporateNumberNew')
      : t('cases.corporateNumberHint');
  return (
    <TextInput
      label={t('cases.corporateNumber')}
      inputMode="numeric"
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={() => {
        if (normalized && normalized !== value) {
          onChange(normalized);
        }
      }}
      error={error}
      description={description}
      rightSection={lookup.isFetching ? <Loader size="xs" /> : null}
    />
  );
}
