import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DeskHoursTable } from './DeskHoursTable';
import { SlaPoliciesTable } from './SlaPoliciesTable';

type Tab = 'sla' | 'desks';

/** SLA targets per channel, and each desk's hours, auto-assignment, transfer deadline and closures. */
export function DesksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // The tab lives in the address, so a reload or a shared link opens the same one.
  const tab: Tab = params.get('tab') === 'desks' ? 'desks' : 'sla';
  return (
    <Stack>
      <Title order={2}>{t('adminRouting.nav.desks')}</Title>
      <Tabs
        value={tab}
        onChange={(value) => setParams(value === 'desks' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="sla">{t('adminRouting.sla.tab')}</Tabs.Tab>
          <Tabs.Tab value="desks">{t('adminRouting.desks.tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sla" pt="md">
          <SlaPoliciesTable />
        </Tabs.Panel>
        <Tabs.Panel value="desks" pt="md">
          <DeskHoursTable />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
