import { ApiError } from '../../lib/api-client';
import { Button, Checkbox, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../components/ConsoleForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { toastDone } from '../../lib/toast';
import { useCopyReferralYear } from './api/use-referral-programs';

interface Props {
  fromFiscalYear: number;
  /** Called with the target year once copied, so the page shows it. */
  onCopied: (fiscalYear: number) => void;
}

/**
 * Copies the shown year's active programs into another year. A year that already has programs
 * is refused unless the admin asks to add only the missing ones (the API's merge).
 */
export function CopyYearSection({ fromFiscalYear, onCopied }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const copy = useCopyReferralYear();
  const [toFiscalYear, setToFiscalYear] = useState<number | string>(fromFiscalYear + 1);
  const [merge, setMerge] = useState(false);
  const errors = fieldErrors(copy.error);
  const notEmpty =
    copy.error instanceof ApiError && copy.error.body.code === 'REFERRAL_YEAR_NOT_EMPTY';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const to = typeof toFiscalYear === 'number' ? toFiscalYear : fromFiscalYear + 1;
    copy.mutate(
      { fromFiscalYear, toFiscalYear: to, merge },
      {
        onSuccess: (result) => {
          toastDone(
            t('referralCatalogue.copy.done', {
              count: result.created.length,
              skipped: result.skipped.length,
              fiscalYear: to,
            }),
          );
          setMerge(false);
          onCopied(to);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack component={ConsoleForm} onSubmit={submit} gap="sm">
        <Title order={3} size="h5" id={headingId}>
          {t('referralCatalogue.copy.title', { fiscalYear: fromFiscalYear })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('referralCatalogue.copy.note')}
        </Text>
        {Object.keys(errors).length === 0 && <ErrorAlert error={copy.error} />}
        <Group align="flex-end">
          <NumberInput
            label={t('referralCatalogue.copy.to')}
            min={2000}
            max={2100}
            w={160}
            value={toFiscalYear}
            onChange={setToFiscalYear}
            error={errors.toFiscalYear ?? errors.fromFiscalYear}
          />
          <Button type="submit" loading={copy.isPending}>
            {t('referralCatalogue.copy.submit')}
          </Button>
        </Group>
        {(notEmpty || merge) && (
          <Checkbox
            label={t('referralCatalogue.copy.merge')}
            checked={merge}
            onChange={(e) => setMerge(e.currentTarget.checked)}
          />
        )}
      </Stack>
    </Paper>
  );
}
