import { fiscalYearOf } from '@madoguchi/domain';
import { Stack } from '@mantine/core';
import { useState } from 'react';
import { PartnerPlansPage } from '../../features/partner-plans/PartnerPlansPage';
import { PartnerPlanProgressCard } from '../../features/reports/components/PartnerPlanProgressCard';
import { useSession } from '../../lib/session';

/**
 * The cooperation plans of a fiscal year with, for those who read reports (managers, admins),
 * the progress chart of the reports feature below.
 */
export function PartnerPlansRoute() {
  const { user } = useSession();
  const [fiscalYear, setFiscalYear] = useState(() => fiscalYearOf(new Date()));
  const readsReports = user?.role === 'manager' || user?.role === 'admin';
  return (
    <Stack>
      <PartnerPlansPage fiscalYear={fiscalYear} onFiscalYearChange={setFiscalYear} />
      {readsReports && <PartnerPlanProgressCard fiscalYear={fiscalYear} />}
    </Stack>
  );
}
