import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RoutingRule } from './api/use-routing-rules';
import { RuleSentence } from './RuleSentence';

/** Asks before a rule is deleted, showing what it does; open while `rule` is set. */
export function DeleteRuleModal({
  rule,
  pending,
  onClose,
  onConfirm,
}: {
  rule: RoutingRule | null;
  pending: boolean;
  onClose: () => void;
  onConfirm: (rule: RoutingRule) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={rule !== null}
      onClose={onClose}
      title={t('adminRouting.routing.deleteTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text size="sm">{t('adminRouting.routing.deleteBody', { name: rule?.name ?? '' })}</Text>
        {rule && <RuleSentence rule={rule} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('adminRouting.cancel')}
          </Button>
          <Button color="red.9" loading={pending} onClick={() => rule && onConfirm(rule)}>
            {t('adminRouting.routing.deleteConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
