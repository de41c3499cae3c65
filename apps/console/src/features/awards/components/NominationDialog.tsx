import { Divider, Modal, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Candidate, useAwardKinds } from '../api/use-awards';
import { NewNominationForm } from './NewNominationForm';
import { NominationResultForm } from './NominationResultForm';

/** The organization's nominations of the year: record the results, or a new nomination. */
export function NominationDialog({
  candidate,
  fiscalYear,
  onClose,
}: {
  candidate: Candidate;
  fiscalYear: number;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const kinds = useAwardKinds();
  const awardName = (id: string) => {
    const kind = kinds.data?.find((k) => k.id === id);
    return kind ? (i18n.language === 'en' ? kind.nameEn : kind.nameJa) : id;
  };
  const taken = new Set(candidate.nominations.map((n) => n.awardKindId));
  const open = (kinds.data ?? []).filter((k) => k.active && !taken.has(k.id));

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('awards.dialogTitle', { name: candidate.name })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        {candidate.nominations.map((n) => (
          <NominationResultForm
            key={`${n.id}-${n.version}`}
            nomination={n}
            awardName={awardName(n.awardKindId)}
          />
        ))}
        {candidate.nominations.length > 0 && open.length > 0 && <Divider />}
        {open.length > 0 && (
          <NewNominationForm
            organizationId={candidate.organizationId}
            fiscalYear={fiscalYear}
            awards={open.map((k) => ({ value: k.id, label: awardName(k.id) }))}
          />
        )}
      </Stack>
    </Modal>
  );
}
