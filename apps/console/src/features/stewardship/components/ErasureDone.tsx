import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ErasureResult } from '../api/use-stewardship';
import { CountsTable } from './CountsTable';

/** What an erasure did: its counts per kind of record, and the cases left on legal hold. */
export function ErasureDone({ result }: { result: ErasureResult }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="erasure-result">
      <Text fw={600}>{t('erasure.result')}</Text>
      <CountsTable counts={result.counts} />
      {result.heldCaseIds.length > 0 && (
        <Text size="sm">{t('erasure.heldLeft', { count: result.heldCaseIds.length })}</Text>
      )}
    </Stack>
  );
}
