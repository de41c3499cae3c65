import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import {
  isGone,
  isVersionConflict,
  type RoutingRule,
  useDeleteRule,
  useMoveRule,
  useRoutingRules,
  useUpdateRule,
} from './api/use-routing-rules';
import { DeleteRuleModal } from './DeleteRuleModal';
import { RuleFormModal } from './RuleFormModal';
import { RuleTable } from './RuleTable';

/**
 * Routing rules as the intake tries them: top to bottom, first match wins. Each rule reads as a
 * sentence; order changes with the arrows, and every change carries the version the admin saw.
 */
export function RoutingRulesPage() {
  const { t } = useTranslation();
  const rules = useRoutingRules();
  const update = useUpdateRule();
  const move = useMoveRule();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RoutingRule | null>(null);

  if (rules.isPending) {
    return <PageLoader />;
  }
  const list = rules.data ?? [];
  const busy = update.isPending || move.isPending || remove.isPending;
  // Inline changes (toggle, order, delete) share one place to say the list was out of date.
  const inlineError = update.error ?? move.error ?? remove.error;
  const stale = isVersionConflict(inlineError) || isGone(inlineError);
  const nextPosition = list.reduce((max, r) => Math.max(max, r.position), 0) + 10;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('adminRouting.routing.title')}</Title>
        <Button onClick={() => setEditing('new')}>{t('adminRouting.routing.add')}</Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('adminRouting.routing.hint')}
      </Text>
      <ErrorAlert error={rules.error} />
      {stale ? (
        <Alert color="yellow" role="alert" title={t('adminRouting.routing.conflictTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('adminRouting.routing.conflictBody')}</Text>
            <Button
              size="xs"
              onClick={() => {
                update.reset();
                move.reset();
                remove.reset();
                void rules.refetch();
              }}
            >
              {t('adminRouting.reload')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <ErrorAlert error={inlineError} />
      )}
      {list.length === 0 ? (
        <Text c="dimmed">{t('adminRouting.routing.empty')}</Text>
      ) : (
        <RuleTable
          list={list}
          busy={busy}
          onMove={(from, to, done) => move.mutate({ rules: list, from, to }, { onSuccess: done })}
          onToggle={(rule, active) =>
            update.mutate({ id: rule.id, body: { active, version: rule.version } })
          }
          onEdit={setEditing}
          onDelete={setDeleting}
        />
      )}
      {editing && (
        <RuleFormModal
          rule={editing === 'new' ? null : editing}
          defaultPosition={nextPosition}
          onClose={() => setEditing(null)}
        />
      )}
      <DeleteRuleModal
        rule={deleting}
        pending={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={(rule) => remove.mutate(rule.id, { onSettled: () => setDeleting(null) })}
      />
    </Stack>
  );
}
