import { INDUSTRIES, PREFECTURES, TOPIC_CATEGORIES, TOPICS } from '@madoguchi/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ja as jaResource } from '../../i18n/ja';
import { isKeyOf } from '../../i18n/keys';
import { useAssignableUsers, useDesks } from './api/use-routing-rules';
import type { RuleLabels } from './rule-sentence';

/** Option lists for the rule form, labelled in the reader's language and in code order. */
export function useConditionOptions() {
  const { t, i18n } = useTranslation();
  const ja = i18n.language !== 'en';
  return useMemo(
    () => ({
      prefectures: PREFECTURES.map((p) => ({ value: p.code, label: ja ? p.nameJa : p.nameEn })),
      // A category matches every topic under it, so it heads its own group.
      topics: TOPIC_CATEGORIES.map((c) => {
        const label = ja ? c.labelJa : c.labelEn;
        return {
          group: label,
          items: [
            { value: c.code, label: t('adminRouting.routing.wholeCategory', { label }) },
            ...TOPICS.filter((topic) => topic.parent === c.code).map((topic) => ({
              value: topic.code,
              label: ja ? topic.labelJa : topic.labelEn,
            })),
          ],
        };
      }),
      industries: INDUSTRIES.map((i) => ({
        value: i.code,
        label: `${i.code} ${ja ? i.labelJa : i.labelEn}`,
      })),
    }),
    [t, ja],
  );
}

/** The words of a rule's sentence: reference data from @madoguchi/domain, desks and users. */
export function useRuleLabels(): RuleLabels {
  const { t, i18n } = useTranslation();
  const ja = i18n.language !== 'en';
  const desks = useDesks();
  const users = useAssignableUsers();
  return useMemo(() => {
    const prefectures = new Map(PREFECTURES.map((p) => [p.code, ja ? p.nameJa : p.nameEn]));
    const topics = new Map<string, string>([
      ...TOPIC_CATEGORIES.map((c): [string, string] => [
        c.code,
        t('adminRouting.routing.wholeCategory', { label: ja ? c.labelJa : c.labelEn }),
      ]),
      ...TOPICS.map((c): [string, string] => [c.code, ja ? c.labelJa : c.labelEn]),
    ]);
    const industries = new Map<string, string>(
      INDUSTRIES.map((i) => [i.code, ja ? i.labelJa : i.labelEn]),
    );
    const deskNames = new Map((desks.data ?? []).map((d) => [d.id, ja ? d.nameJa : d.nameEn]));
    const userNames = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));
    return {
      channel: (code) =>
        isKeyOf(jaResource.cases.channels, code) ? t(`cases.channels.${code}`) : code,
      prefecture: (code) => prefectures.get(code) ?? code,
      topic: (code) => topics.get(code) ?? code,
      industry: (code) => industries.get(code) ?? code,
      sme: (sme) => t(`adminRouting.routing.smeValues.${sme ? 'yes' : 'no'}`),
      loggedAt: (where) => t(`adminRouting.routing.loggedAtValues.${where}`),
      target: (target) => t(`adminRouting.routing.targets.${target}`),
      desk: (id) => deskNames.get(id) ?? id,
      assignee: (id) =>
        t('adminRouting.routing.assignedTo', { name: userNames.get(id) ?? id.slice(0, 8) }),
      and: t('adminRouting.routing.and'),
      or: t('adminRouting.routing.or'),
      more: (count) => t('adminRouting.routing.more', { count }),
      everything: t('adminRouting.routing.everything'),
    };
  }, [t, ja, desks.data, users.data]);
}
