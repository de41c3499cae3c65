import { Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isKeyOf } from '../../i18n/keys';
import { ja } from '../../i18n/ja';
import type { ImportResult } from './api/use-events';

// Mantine's darkest green is 4.4:1 on white, under WCAG AA for the badge's small text; teal.9 passes.
const ACTION_COLOR = { create: 'blue.9', match: 'teal.9', reject: 'red.9' } as const;

/** What each row of the list becomes: a new organization, one on file (and why), or rejected. */
export function ImportPreviewTable({ rows }: { rows: ImportResult['rows'] }) {
  const { t } = useTranslation();
  const reason = (code: string) =>
    isKeyOf(ja.events.import.rejectReasons, code) ? t(`events.import.rejectReasons.${code}`) : code;
  const matchedOn = (code: string) =>
    isKeyOf(ja.events.import.matchedOn, code) ? t(`events.import.matchedOn.${code}`) : code;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table aria-label={t('events.import.preview')} data-testid="import-preview">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('events.import.line')}</Table.Th>
            <Table.Th>{t('events.import.action')}</Table.Th>
            <Table.Th>{t('events.import.fields.organizationName')}</Table.Th>
            <Table.Th>{t('events.import.fields.name')}</Table.Th>
            <Table.Th>{t('events.import.fields.email')}</Table.Th>
            <Table.Th>{t('events.import.matched')}</Table.Th>
            <Table.Th>{t('events.import.reasons')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.line} data-testid="import-row">
              <Table.Td>{row.line}</Table.Td>
              <Table.Td>
                <Badge variant="outline" color={ACTION_COLOR[row.action]}>
                  {t(`events.import.actions.${row.action}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{row.organizationName ?? ''}</Table.Td>
              <Table.Td>{row.name ?? ''}</Table.Td>
              <Table.Td>{row.email ?? ''}</Table.Td>
              <Table.Td>
                {row.matchedOrganizationName
                  ? `${row.matchedOrganizationName}(${row.matchedOn.map(matchedOn).join('・')})`
                  : ''}
              </Table.Td>
              <Table.Td>{row.reasons.map(reason).join(' / ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
