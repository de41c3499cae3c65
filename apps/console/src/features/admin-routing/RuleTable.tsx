import { ActionIcon, Badge, Button, Group, Switch, Table, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RoutingRule } from './api/use-routing-rules';
import { RuleSentence } from './RuleSentence';

/** The rules in the order the intake tries them, each with its order, switch and actions. */
export function RuleTable({
  list,
  busy,
  onMove,
  onToggle,
  onEdit,
  onDelete,
}: {
  list: RoutingRule[];
  /** A change is being saved: order and switches wait for it. */
  busy: boolean;
  /** Moves the rule at `from` to `to`; `done` runs once the move is saved. */
  onMove: (from: number, to: number, done: () => void) => void;
  onToggle: (rule: RoutingRule, active: boolean) => void;
  onEdit: (rule: RoutingRule) => void;
  onDelete: (rule: RoutingRule) => void;
}) {
  const { t } = useTranslation();
  return (
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
                    onMove={(done) => onMove(index, index - 1, done)}
                  />
                  <MoveButton
                    ruleId={rule.id}
                    direction="down"
                    label={t('adminRouting.routing.moveDown', { name: rule.name })}
                    unavailable={index === list.length - 1 || busy}
                    onMove={(done) => onMove(index, index + 1, done)}
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
                  onChange={(e) => onToggle(rule, e.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="default"
                    aria-label={t('adminRouting.routing.editOf', { name: rule.name })}
                    onClick={() => onEdit(rule)}
                  >
                    {t('adminRouting.edit')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="outline"
                    color="red.9"
                    aria-label={t('adminRouting.routing.deleteOf', { name: rule.name })}
                    onClick={() => onDelete(rule)}
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
