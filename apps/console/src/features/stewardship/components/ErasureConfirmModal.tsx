import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DataSubjectSearchResult } from '../api/use-stewardship';

interface Props {
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  pending: boolean;
  /** What the search found about the person. */
  result: DataSubjectSearchResult;
  /** The contacts offered for erasure, and the ones ticked. */
  candidates: DataSubjectSearchResult['contacts'];
  contactIds: string[];
}

/**
 * The last step before an erasure: what goes (the chosen contacts, their cases with mails and
 * surveys, all audited) and which cases stay because they are on legal hold.
 */
export function ErasureConfirmModal({
  opened,
  onClose,
  onConfirm,
  pending,
  result,
  candidates,
  contactIds,
}: Props) {
  const { t, i18n } = useTranslation();
  const chosen = new Set(contactIds);
  const cases = result.cases.filter((c) => c.contactId !== null && chosen.has(c.contactId));
  const held = cases.filter((c) => c.onLegalHold);
  const erased = new Set(cases.filter((c) => !c.onLegalHold).map((c) => c.id));
  const mails = result.mails.filter((m) => m.caseId !== null && erased.has(m.caseId)).length;
  const surveys = result.surveys.filter((s) => erased.has(s.caseId)).length;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('erasure.confirmTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm" data-testid="erasure-confirmation">
        <Text size="sm" fw={600}>
          {t('erasure.confirmLead')}
        </Text>
        <List size="sm">
          <List.Item>
            {t('erasure.confirmContacts', {
              count: contactIds.length,
              names: candidates
                .filter((c) => chosen.has(c.id))
                .map((c) => c.name)
                .join('、'),
            })}
          </List.Item>
          <List.Item>
            {t('erasure.confirmCases', {
              count: erased.size,
              mails: mails.toLocaleString(i18n.language),
              surveys,
            })}
          </List.Item>
          <List.Item>{t('erasure.confirmAudit')}</List.Item>
        </List>
        {held.length > 0 && (
          <Text size="sm">{t('erasure.confirmHeld', { count: held.length })}</Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('erasure.cancel')}
          </Button>
          <Button color="red.9" loading={pending} onClick={onConfirm}>
            {t('erasure.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
