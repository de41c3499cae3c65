import { Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { type Desk, useDesks } from './api/use-desk-settings';
import { ClosuresModal } from './ClosuresModal';
import { DeskRow } from './DeskRow';

/** Each desk's hours, auto-assignment and transfer deadline, edited in place; closures per desk. */
export function DeskHoursTable() {
  const { t, i18n } = useTranslation();
  const desks = useDesks();
  const [closuresOf, setClosuresOf] = useState<Desk | null>(null);
  if (desks.isPending) {
    return <PageLoader />;
  }
  const nameOf = (desk: Desk) => (i18n.language === 'en' ? desk.nameEn : desk.nameJa);
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('adminRouting.desks.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('adminRouting.desks.hint')}
      </Text>
      <ErrorAlert error={desks.error} />
      <Table.ScrollContainer minWidth={1050}>
        <Table aria-label={t('adminRouting.desks.list')} verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('adminRouting.desks.desk')}</Table.Th>
              <Table.Th>{t('adminRouting.desks.hours')}</Table.Th>
              <Table.Th>{t('adminRouting.desks.assignment')}</Table.Th>
              <Table.Th>{t('adminRouting.desks.acceptDays')}</Table.Th>
              <Table.Th>{t('adminRouting.desks.defaultChannel')}</Table.Th>
              <Table.Th w={260}>{t('adminRouting.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(desks.data ?? [])
              .filter((d) => d.active)
              .map((desk) => (
                <DeskRow
                  key={desk.id}
                  desk={desk}
                  name={nameOf(desk)}
                  onClosures={() => setClosuresOf(desk)}
                />
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {closuresOf && (
        <ClosuresModal
          deskId={closuresOf.id}
          deskName={nameOf(closuresOf)}
          onClose={() => setClosuresOf(null)}
        />
      )}
    </Stack>
  );
}
