import { INDUSTRIES, REGIONAL_BLOCKS } from '@madoguchi/domain';
import { Badge, CloseButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ja as jaResource } from '../../i18n/ja';
import { isKeyOf } from '../../i18n/keys';
import { formatDay } from '../../lib/format-date';
import type { CaseFilters } from './api/use-cases';
import { useDeskName } from './api/use-transfers';

// The Tokyo calendar day of an instant (Japan keeps UTC+9 all year).
const tokyoDay = (instant: number): string =>
  new Date(instant + 9 * 3_600_000).toISOString().slice(0, 10);

interface Chip {
  key: string;
  label: string;
  /** The URL parameters the chip stands for, all removed together. */
  params: string[];
}

/**
 * The filters that have no control on the list (they come from a report's drill-down link or
 * a saved view), shown as chips so the user sees why the list is filtered and can lift one.
 */
export function FilterChips({
  filters,
  onRemove,
}: {
  filters: CaseFilters;
  onRemove: (params: string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const deskName = useDeskName();
  const ja = i18n.language !== 'en';
  const chips: Chip[] = [];
  const { receivedFrom, receivedTo } = filters;
  if (receivedFrom || receivedTo) {
    // receivedTo is exclusive (the next day's midnight): the chip shows the last day included.
    const from = receivedFrom ? formatDay(tokyoDay(Date.parse(receivedFrom)), i18n.language) : '';
    const to = receivedTo ? formatDay(tokyoDay(Date.parse(receivedTo) - 1), i18n.language) : '';
    chips.push({
      key: 'received',
      label: t('caseFilters.received', { range: `${from}〜${to}` }),
      params: ['receivedFrom', 'receivedTo'],
    });
  }
  if (filters.deskId) {
    chips.push({
      key: 'desk',
      label: t('caseFilters.desk', { value: deskName(filters.deskId) }),
      params: ['deskId'],
    });
  }
  if (filters.assigneeId === 'none') {
    chips.push({
      key: 'assignee',
      label: t('caseFilters.assignee', { value: t('caseFilters.unassigned') }),
      params: ['assigneeId'],
    });
  }
  if (filters.block) {
    const block = REGIONAL_BLOCKS.find((b) => b.code === filters.block);
    chips.push({
      key: 'block',
      label: t('caseFilters.block', {
        value: block ? (ja ? block.labelJa : block.labelEn) : t('reports.unknown'),
      }),
      params: ['block'],
    });
  }
  if (filters.sizeBand) {
    chips.push({
      key: 'sizeBand',
      label: t('caseFilters.sizeBand', {
        value: isKeyOf(jaResource.reports.sizeBands, filters.sizeBand)
          ? t(`reports.sizeBands.${filters.sizeBand}`)
          : filters.sizeBand,
      }),
      params: ['sizeBand'],
    });
  }
  if (filters.industryCode) {
    const industry = INDUSTRIES.find((x) => x.code === filters.industryCode);
    chips.push({
      key: 'industry',
      label: t('caseFilters.industry', {
        value:
          `${filters.industryCode} ${industry ? (ja ? industry.labelJa : industry.labelEn) : ''}`.trim(),
      }),
      params: ['industryCode'],
    });
  }
  if (filters.sme) {
    chips.push({
      key: 'sme',
      label: t('caseFilters.sme', {
        value: isKeyOf(jaResource.reports.smeValues, filters.sme)
          ? t(`reports.smeValues.${filters.sme}`)
          : filters.sme,
      }),
      params: ['sme'],
    });
  }
  if (chips.length === 0) {
    return null;
  }
  return (
    <Group gap="xs" role="group" aria-label={t('caseFilters.label')} data-testid="filter-chips">
      <Text size="sm" c="dimmed">
        {t('caseFilters.label')}
      </Text>
      {chips.map((chip) => (
        <Badge
          key={chip.key}
          variant="light"
          size="lg"
          tt="none"
          rightSection={
            <CloseButton
              size="xs"
              aria-label={t('caseFilters.remove', { label: chip.label })}
              onClick={() => onRemove(chip.params)}
            />
          }
        >
          {chip.label}
        </Badge>
      ))}
    </Group>
  );
}
