import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
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
import { RuleFormModal } from './RuleFormModal';
import { RuleSentence } from './RuleSentence';

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
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover aria-label={t('adminRouting.routing.list')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={130}>{t('adminRouting.routing.position')}</Table.Th>
                <Table.Th>{t('adminRouting.routing.name')}</Table.Th>
                <Table.Th>{t('adminRouting.routing.sentence')}</Table.Th>
                <Table.Th w={80}>{t('adminRouting.routing.active')}</Table.Th>
                <Table.Th w={150}>{t('adminRouting.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((rule, index) => (
                <Table.Tr key={rule.id} c={rule.active ? undefined : 'dimmed'}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" w={40} ta="right">
                        {rule.position}
                      </Text>
                      <MoveButton
                        ruleId={rule.id}
                        direction="up"
                        label={t('adminRouting.routing.moveUp', { name: rule.name })}
                        unavailable={index === 0 || busy}
                        onMove={(done) =>
                          move.mutate(
                            { rules: list, from: index, to: index - 1 },
                            { onSuccess: done },
                          )
                        }
                      />
                      <MoveButton
                        ruleId={rule.id}
                        direction="down"
                        label={t('adminRouting.routing.moveDown', { name: rule.name })}
                        unavailable={index === list.length - 1 || busy}
                        onMove={(done) =>
                          move.mutate(
                            { rules: list, from: index, to: index + 1 },
                            { onSuccess: done },
                          )
                        }
                      />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {rule.name}
                    </Text>
                    {!rule.active && (
                      <Badge variant="outline" color="gray.7" size="sm">
                        {t('adminRouting.routing.inactive')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <RuleSentence rule={rule} />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('adminRouting.routing.activeOf', { name: rule.name })}
                      checked={rule.active}
                      disabled={busy}
                      onChange={(e) =>
                        update.mutate({
                          id: rule.id,
                          body: { active: e.currentTarget.checked, version: rule.version },
                        })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('adminRouting.routing.editOf', { name: rule.name })}
                        onClick={() => setEditing(rule)}
                      >
                        {t('adminRouting.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="outline"
                        color="red.9"
                        aria-label={t('adminRouting.routing.deleteOf', { name: rule.name })}
                        onClick={() => setDeleting(rule)}
                      >
                        {t('adminRouting.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <RuleFormModal
          rule={editing === 'new' ? null : editing}
          defaultPosition={nextPosition}
          onClose={() => setEditing(null)}
        />
      )}
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('adminRouting.routing.deleteTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text size="sm">
            {t('adminRouting.routing.deleteBody', { name: deleting?.name ?? '' })}
          </Text>
          {deleting && <RuleSentence rule={deleting} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('adminRouting.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={remove.isPending}
              onClick={() =>
                deleting && remove.mutate(deleting.id, { onSettled: () => setDeleting(null) })
              }
            >
              {t('adminRouting.routing.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/**
 * Up or down by one place. It stays focusable when it cannot move (at either end, or while a
 * move is saved) so that a keyboard user pressing it repeatedly keeps their place; after the
 * move, focus follows the rule to its new row.
 */
function MoveButton(props: {
  ruleId: string;
  direction: 'up' | 'down';
  label: string;
  unavailable: boolean;
  onMove: (done: () => void) => void;
}) {
  const key = `${props.ruleId}:${props.direction}`;
  const Icon = props.direction === 'up' ? IconArrowUp : IconArrowDown;
  return (
    <ActionIcon
      variant="default"
      size="sm"
      aria-label={props.label}
      aria-disabled={props.unavailable}
      data-disabled={props.unavailable || undefined}
      data-move={key}
      onClick={() => {
        if (!props.unavailable) {
          props.onMove(() =>
            requestAnimationFrame(() =>
              document.querySelector<HTMLElement>(`[data-move="${key}"]`)?.focus(),
            ),
          );
        }
      }}
    >
      <Icon size={14} aria-hidden />
    </ActionIcon>
  );
}
