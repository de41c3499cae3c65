import { SimpleGrid } from '@mantine/core';
import type { ReportProps } from './chart-kit';
import { CaseloadByMonthCard, CaseloadByTopicCard } from './CaseloadCards';
import { BacklogCard } from './BacklogCard';
import { SlaCard } from './SlaCard';
import { SessionsCard } from './SessionsCard';
import { OutcomesCard } from './OutcomesCard';
import { FunnelCard } from './FunnelCard';
import { ReferralsCard } from './ReferralsCard';
import { SurveysCard } from './SurveysCard';
import '../report-charts.css';

export function ReportGrid(props: ReportProps) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <CaseloadByMonthCard {...props} />
      <CaseloadByTopicCard {...props} />
      <BacklogCard {...props} />
      <SlaCard {...props} />
      <SessionsCard {...props} />
      <OutcomesCard {...props} />
      <FunnelCard {...props} />
      <ReferralsCard {...props} />
      <SurveysCard {...props} />
    </SimpleGrid>
  );
}
