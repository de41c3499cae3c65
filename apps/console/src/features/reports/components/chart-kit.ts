import { useNavigate } from 'react-router';
import { downloadUrl, type ReportPath, type ReportQuery } from '../api/use-reports';
import { axisLabel } from '../axis-label';
import type { ReportFilters } from '../report-filters';
import type { useReportLabels } from '../use-report-labels';

/** What every report card shares: its props, colours, axes, downloads and bar clicks. */
export interface ReportProps {
  filters: ReportFilters;
  query: ReportQuery;
}

const CHANNEL_COLORS: Record<string, string> = {
  phone: 'indigo.6',
  email: 'teal.6',
  web: 'cyan.7',
  walk_in: 'orange.6',
  seminar: 'grape.6',
  chamber_referral: 'lime.8',
};

const SMALL_TICK = { fontSize: 11 };
// A vertical chart's category axis for long names: 170 px holds 26 half-width units at 11 px,
// so recharts never wraps a tick.
export const NAME_AXIS = {
  width: 170,
  tickFormatter: (value: string): string => axisLabel(value, 26),
  tick: SMALL_TICK,
};
// A category axis that names every bar, even when recharts would skip some for room.
export const EVERY_TICK_AXIS = { interval: 0, tick: SMALL_TICK };

export const PALETTE = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.7', 'lime.8', 'pink.6'];

/** Both downloads of a report, for the same filters as the chart. */
export function hrefs<P extends ReportPath>(path: P, query: ReportQuery, extra: object = {}) {
  const at = (format: 'csv' | 'xlsx') => downloadUrl(path, { ...query, ...extra, format });
  return { csvHref: at('csv'), xlsxHref: at('xlsx') };
}

/**
 * recharts calls a bar's onClick with the bar's entry, whose payload is our data row; the row
 * carries its drill-down link, so a click is a plain navigation to the filtered case list.
 */
export function useBarClick() {
  const navigate = useNavigate();
  return (key = 'href') =>
    ({
      style: { cursor: 'pointer' },
      onClick: (entry: { payload?: unknown }) => {
        const href = (entry.payload as Record<string, unknown> | undefined)?.[key];
        if (typeof href === 'string') {
          void navigate(href);
        }
      },
    }) as const;
}

/** A report query's state as its card shows it: loading, failed, when its figures were current. */
export const reportState = (report: {
  isPending: boolean;
  error: unknown;
  data?: { dataAsOf?: string };
}) => ({ isPending: report.isPending, dataAsOf: report.data?.dataAsOf, error: report.error });

/** One bar series per channel, each in its own colour. */
export const channelSeries = (
  channels: readonly string[],
  label: ReturnType<typeof useReportLabels>,
) =>
  channels.map((c) => ({
    name: c,
    label: label('channel', c),
    color: CHANNEL_COLORS[c] ?? 'gray.6',
  }));
