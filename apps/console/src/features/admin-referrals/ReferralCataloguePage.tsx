import { fiscalYearOf } from '@madoguchi/domain';
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FiscalYearPicker } from '../../components/FiscalYearPicker';
import { type ReferralProgram, useReferralProgramsOfYear } from './api/use-referral-programs';
import { CopyYearSection } from './CopyYearSection';
import { ProgramFormModal } from './ProgramFormModal';

/**
 * The referral catalogue per fiscal year as admins keep it: each year's programs with their
 * address, who runs them and whether staff can still refer to them; a year is copied forward
 * and then adjusted.
 */
export function ReferralCataloguePage() {
  const { t } = useTranslation();
  const [fiscalYear, setFiscalYear] = useState(() => fiscalYearOf(new Date()));
  const programs = useReferralProgramsOfYear(fiscalYear);
  const [editing, setEditing] = useState<ReferralProgram | 'new' | null>(null);
  const items = programs.data ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('referralCatalogue.title')}</Title>
        <Button onClick={() => setEditing('new')}>{t('referralCatalogue.new')}</Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('referralCatalogue.intro')}
      </Text>
      <FiscalYearPicker
        label={t('referralCatalogue.fiscalYear')}
        value={fiscalYear}
        onChange={setFiscalYear}
      />
      <ErrorAlert error={programs.error} />
      {programs.isPending ? null : items.length === 0 ? (
        <Text c="dimmed">{t('referralCatalogue.none', { fiscalYear })}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label={t('referralCatalogue.title')} data-testid="referral-catalogue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('referralCatalogue.fields.name')}</Table.Th>
                <Table.Th>{t('referralCatalogue.fields.provider')}</Table.Th>
                <Table.Th>{t('referralCatalogue.fields.owner')}</Table.Th>
                <Table.Th>{t('referralCatalogue.fields.url')}</Table.Th>
                <Table.Th>{t('referralCatalogue.fields.active')}</Table.Th>
                <Table.Th>{t('referralCatalogue.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    {p.nameJa}
                    <Text size="xs" c="dimmed">
                      {p.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`referralCatalogue.providers.${p.provider}`)}</Table.Td>
                  <Table.Td>{p.owner ?? '—'}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{p.url ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={p.active ? 400 : 700}>
                      {p.active ? t('referralCatalogue.active') : t('referralCatalogue.retired')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="default"
                      aria-label={t('referralCatalogue.editNamed', { name: p.nameJa })}
                      onClick={() => setEditing(p)}
                    >
                      {t('referralCatalogue.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {/* Keyed by the year shown, so the target starts at the year after it each time. */}
      <CopyYearSection key={fiscalYear} fromFiscalYear={fiscalYear} onCopied={setFiscalYear} />
      {editing !== null && (
        <ProgramFormModal
          fiscalYear={fiscalYear}
          program={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
