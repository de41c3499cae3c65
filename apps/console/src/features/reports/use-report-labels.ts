import {
  INDUSTRIES,
  PREFECTURES,
  REGIONAL_BLOCKS,
  TOPIC_CATEGORIES,
  TOPICS,
} from '@madoguchi/domain';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatMonth } from '../../lib/format-date';
import type { BarDimension } from './drill-down';
import { useDeskOptions } from './api/use-reports';

/** Human labels for the codes the reports answer with, in the language the user chose. */
export function useReportLabels() {
  const { t, i18n } = useTranslation();
  const ja = i18n.language !== 'en';
  const desks = useDeskOptions();
  const pick = (item: { labelJa: string; labelEn: string } | undefined, code: string) =>
    item ? (ja ? item.labelJa : item.labelEn) : code;

  // 'topic_name': a topic's name without its code, for a chart axis with little room.
  // 'period' and 'scope': a results snapshot's period (2026-11, FY2025) and desk scope.
  return (
    dimension: BarDimension | 'age' | 'kind' | 'stage' | 'topic_name' | 'period' | 'scope',
    value: string,
  ): string => {
    if (value === 'unknown') {
      return t('reports.unknown');
    }
    if (value === '*') {
      return t('reports.total');
    }
    switch (dimension) {
      case 'month':
        return formatMonth(value, i18n.language);
      case 'fiscal_year':
        return t('reports.fiscalYear', { year: value });
      case 'period':
        return value.startsWith('FY')
          ? t('reports.fiscalYear', { year: value.slice(2) })
          : formatMonth(value, i18n.language);
      case 'scope':
      case 'desk': {
        if (dimension === 'scope' && value === 'all') {
          return t('reports.allDesks');
        }
        const desk = desks.data?.find((d) => d.id === value);
        return desk ? (ja ? desk.nameJa : desk.nameEn) : value;
      }
      case 'block':
        return pick(
          REGIONAL_BLOCKS.find((b) => b.code === value),
          value,
        );
      case 'prefecture': {
        const p = PREFECTURES.find((x) => x.code === value);
        return p ? (ja ? p.nameJa : p.nameEn) : value;
      }
      case 'channel':
        return t(`cases.channels.${value}`, { defaultValue: value });
      case 'status':
        return t(`cases.statuses.${value}`, { defaultValue: value });
      case 'industry':
        return `${value} ${pick(
          INDUSTRIES.find((x) => x.code === value),
          '',
        )}`.trim();
      case 'size_band':
        return t(`reports.sizeBands.${value}`, { defaultValue: value });
      case 'sme':
        return t(`reports.smeValues.${value}`, { defaultValue: value });
      case 'topic':
        return pick(
          TOPIC_CATEGORIES.find((c) => c.code === value),
          value,
        );
      case 'topic2':
        return `${value} ${pick(
          TOPICS.find((x) => x.code === value),
          '',
        )}`.trim();
      case 'topic_name':
        return pick(
          TOPICS.find((x) => x.code === value),
          value,
        );
      case 'age':
        return t(`reports.ages.${value}`, { defaultValue: value });
      case 'kind':
        return t(`sessions.kinds.${value}`, { defaultValue: value });
      case 'stage':
        return t(`reports.stages.${value}`, { defaultValue: value });
      default: {
        const unreachable: never = dimension;
        return unreachable;
      }
    }
  };
}

/** A percentage as the reports print it; null (nothing to divide) is a dash. */
export const formatPercent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${value.toFixed(1)}%`;

/** '0'…'2' sessions, or '3+' (the program's limit and beyond). */
export const sessionsLabel = (t: TFunction, n: string): string =>
  n.endsWith('+')
    ? t('reports.sessionsUsedMore', { n: n.slice(0, -1) })
    : t('reports.sessionsUsedCount', { n });
