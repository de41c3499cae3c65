import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format-date';
import { useNow } from '../../lib/use-now';

interface Clock {
  status: string;
  firstResponseDueAt: string | null;
  firstRespondedAt: string | null;
  resolutionDueAt: string | null;
}

const SOON_MS = 2 * 3600_000;

/**
 * The clock that matters now: the first response until it is given, then resolution.
 * Red when past due, orange within two hours; the exact due time is in the tooltip.
 */
export function SlaBadge({ value }: { value: Clock }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  if (value.status === 'resolved' || value.status === 'closed') {
    return null;
  }
  const [label, due] =
    value.firstResponseDueAt && !value.firstRespondedAt
      ? [t('sla.firstResponse'), value.firstResponseDueAt]
      : value.resolutionDueAt
        ? [t('sla.resolution'), value.resolutionDueAt]
        : [null, null];
  if (!label || !due) {
    return null;
  }
  const left = Date.parse(due) - now;
  const state = left < 0 ? 'overdue' : left < SOON_MS ? 'soon' : 'ok';
  // Dark shades keep AA contrast for the small badge text.
  const color = state === 'overdue' ? 'red.9' : state === 'soon' ? '#a13c00' : 'gray.7';
  const when = formatDateTime(due, i18n.language);
  return (
    <Tooltip label={`${label}: ${when}`}>
      <Badge
        variant={state === 'overdue' ? 'filled' : 'outline'}
        color={color}
        data-sla={state}
        styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
      >
        {state === 'overdue'
          ? t('sla.overdue', { label })
          : `${label} ${when.replace(/^\d+年/, '')}`}
      </Badge>
    </Tooltip>
  );
}
