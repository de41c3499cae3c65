import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ReportTargetsSection } from './ReportTargetsSection';
import { SessionLimitSection } from './SessionLimitSection';

/** The program's terms an admin sets: the free-session limit and the reports' reference figures. */
export function ProgramPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('program.title')}</Title>
      <SessionLimitSection />
      <ReportTargetsSection />
    </Stack>
  );
}
