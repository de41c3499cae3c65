import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ErasureResult } from '../api/use-stewardship';
import { CountLabel } from './RunCard';

/** What an erasure did: its counts per kind of record, and the cases left on legal hold. */
export function ErasureDone({ result }: { result: ErasureResult }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs" data-testid="erasure-result">
      <Text fw={600}>{t('erasure.result')}</Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stewardship.countKey')}</Table.Th>
            <Table.Th>{t('stewardship.counts')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Object.entries(result.counts).map(([key, n]) => (
            <Table.Tr key={key}>
              <Table.Td>
                <CountLabel name={key} />
              </Table.Td>
              <Table.Td>{n.toLocaleString(i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result.heldCaseIds.length > 0 && (
        <Text size="sm">{t('erasure.heldLeft', { count: result.heldCaseIds.length })}</Text>
      )}
    </Stack>
  );
}
