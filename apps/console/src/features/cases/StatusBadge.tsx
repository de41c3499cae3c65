import type { CaseStatus } from '@madoguchi/domain';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  new: 'blue.9',
  in_progress: 'indigo.9',
  // Mantine's darkest orange is below 4.5:1 on white; this one passes WCAG AA for small text.
  waiting_on_customer: '#a13c00',
  referred_to_expert: 'violet.9',
  in_sessions: 'violet.9',
  follow_up: 'cyan.9',
  resolved: 'teal.9',
  closed: 'gray.8',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="outline"
      color={COLORS[status] ?? 'gray.8'}
      styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
    >
      {t(`cases.statuses.${status}`)}
    </Badge>
  );
}
