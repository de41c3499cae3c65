import { Text } from '@mantine/core';
import { type RuleShape, ruleSentence } from './rule-sentence';
import { useRuleLabels } from './use-rule-labels';

/** "来訪 かつ 東京都 → 管轄の地域窓口", with the outcome in bold. */
export function RuleSentence({ rule }: { rule: RuleShape }) {
  const { conditions, outcome } = ruleSentence(rule, useRuleLabels());
  return (
    <Text size="sm">
      {conditions} → <strong>{outcome}</strong>
    </Text>
  );
}
