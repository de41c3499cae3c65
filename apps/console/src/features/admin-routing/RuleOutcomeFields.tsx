import { Paper, Radio, Select, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAssignableUsers, useDesks } from './api/use-routing-rules';
import { type RuleForm, type SetRuleField, type Target, TARGETS } from './rule-form';

/** Where a matching case goes (its coverage, a named desk, the logger's desk) and to whom. */
export function RuleOutcomeFields({
  form,
  set,
  onDesk,
  errors,
}: {
  form: RuleForm;
  set: SetRuleField;
  /** A new desk also clears the assignee, who may not work there. */
  onDesk: (deskId: string | null) => void;
  errors: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language !== 'en';
  const desks = useDesks();
  const users = useAssignableUsers();
  const deskOptions = (desks.data ?? [])
    .filter((d) => d.active)
    .map((d) => ({ value: d.id, label: ja ? d.nameJa : d.nameEn }));
  const deskNames = new Map(deskOptions.map((d) => [d.value, d.label]));
  // With a named desk, only its staff make sense as assignees.
  const assignees = (users.data ?? [])
    .filter((u) => form.target !== 'desk' || !form.deskId || u.deskId === form.deskId)
    .map((u) => ({
      value: u.id,
      label: u.deskId ? `${u.displayName}(${deskNames.get(u.deskId) ?? u.deskId})` : u.displayName,
    }));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Radio.Group
          label={t('adminRouting.routing.outcome')}
          value={form.target}
          onChange={(v) => set('target', v as Target)}
          error={errors.target}
        >
          <Stack gap="xs" mt={4}>
            {TARGETS.map((target) => (
              <Radio
                key={target}
                value={target}
                label={t(`adminRouting.routing.targets.${target}`)}
                description={t(`adminRouting.routing.targetHints.${target}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {form.target === 'desk' && (
            <Select
              label={t('adminRouting.routing.desk')}
              required
              data={deskOptions}
              value={form.deskId}
              onChange={onDesk}
              error={errors.deskId}
            />
          )}
          <Select
            label={t('adminRouting.routing.assignee')}
            description={t('adminRouting.routing.assigneeHint')}
            data={assignees}
            value={form.assigneeId}
            onChange={(v) => set('assigneeId', v)}
            searchable
            clearable
            error={errors.assigneeId}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
