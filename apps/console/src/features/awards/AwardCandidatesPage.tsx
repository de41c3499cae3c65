import { fiscalYearOf } from '@madoguchi/domain';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../lib/session';
import {
  type Candidate,
  type CandidatesQuery,
  candidatesExportUrl,
  useCandidates,
} from './api/use-awards';
import { CandidateFilters } from './components/CandidateFilters';
import { CandidateTable } from './components/CandidateTable';
import { NominationDialog } from './components/NominationDialog';

/**
 * Award candidates (Telework Top Runner, 輝くテレワーク賞): organizations whose introduction is
 * well evidenced, with the evidence per organization; managers mark them, record nominations
 * and results, and export the list.
 */
export function AwardCandidatesPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const mayWrite = user?.role === 'manager' || user?.role === 'admin';
  const [query, setQuery] = useState<CandidatesQuery>({ fiscalYear: fiscalYearOf(new Date()) });
  const [dialogFor, setDialogFor] = useState<Candidate | null>(null);
  const candidates = useCandidates(query);
  const items = candidates.data?.items ?? [];
  // The dialog follows the list, so a recorded nomination shows up in it at once.
  const open =
    dialogFor && (items.find((c) => c.organizationId === dialogFor.organizationId) ?? dialogFor);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('awards.title')}</Title>
        <Button component="a" download variant="default" href={candidatesExportUrl(query)}>
          {t('awards.export')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('awards.hint')}
      </Text>
      <CandidateFilters query={query} onChange={setQuery} />
      <ErrorAlert error={candidates.error} />
      {candidates.isPending ? null : items.length === 0 ? (
        <Text c="dimmed">{t('awards.none')}</Text>
      ) : (
        <CandidateTable
          items={items}
          fiscalYear={query.fiscalYear}
          mayWrite={mayWrite}
          onNominate={setDialogFor}
        />
      )}
      {open && (
        <NominationDialog
          candidate={open}
          fiscalYear={query.fiscalYear}
          onClose={() => setDialogFor(null)}
        />
      )}
    </Stack>
  );
}
