import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ja } from '../../../i18n/ja';
import { isKeyOf } from '../../../i18n/keys';

/** A count's label, or "other" for a key this console does not know yet. */
function CountLabel({ name }: { name: string }) {
  const { t } = useTranslation();
  return isKeyOf(ja.stewardship.countKeys, name)
    ? t(`stewardship.countKeys.${name}`)
    : t('stewardship.otherCount');
}

/** What a pseudonymization run or an erasure counted, one row per kind of record. */
export function CountsTable({
  counts,
  testId,
}: {
  counts: Record<string, number>;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Table data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('stewardship.countKey')}</Table.Th>
          <Table.Th>{t('stewardship.counts')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {Object.entries(counts).map(([key, n]) => (
          <Table.Tr key={key}>
            <Table.Td>
              <CountLabel name={key} />
            </Table.Td>
            <Table.Td>{n.toLocaleString(i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
