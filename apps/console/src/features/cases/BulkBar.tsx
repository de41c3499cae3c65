import { CASE_OUTCOMES } from '@madoguchi/domain';
import { unwrap, type Schemas } from '@madoguchi/api-client';
import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api-client';
import { useSession } from '../../lib/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { codeMessage, fieldErrors } from '../../lib/field-errors';

/** Acts on the selected cases; each case succeeds or fails on its own and the bar says so. */
export function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const client = useQueryClient();
  const [closing, setClosing] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [confirmedOn, setConfirmedOn] = useState(
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date()),
  );
  const [reason, setReason] = useState('');
  const [failed, setFailed] = useState<Schemas['BulkResultDto'][]>([]);
  const bulk = useMutation({
    mutationFn: (body: Schemas['BulkCaseActionDto']) =>
      unwrap(api.POST('/api/cases/bulk', { body })).then((r) => r.results),
    onSuccess: (results) => {
      void client.invalidateQueries({ queryKey: ['cases'] });
      setFailed(results.filter((r) => !r.ok));
      if (results.every((r) => r.ok)) {
        setClosing(false);
        onDone();
      }
    },
  });
  const errors = fieldErrors(bulk.error);
  return (
    <Paper withBorder p="xs" bg="gray.0" data-testid="bulk-bar">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t('bulk.selected', { count: ids.length })}
        </Text>
        <Button
          size="xs"
          variant="default"
          loading={bulk.isPending && bulk.variables?.action === 'assign'}
          onClick={() => bulk.mutate({ ids, action: 'assign', assigneeId: user?.id ?? null })}
        >
          {t('bulk.assignToMe')}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => bulk.mutate({ ids, action: 'assign', assigneeId: null })}
        >
          {t('bulk.unassign')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setClosing(true)}>
          {t('bulk.close')}
        </Button>
        <Button size="xs" variant="subtle" onClick={onDone}>
          {t('bulk.clear')}
        </Button>
      </Group>
      {failed.length > 0 && (
        <Alert color="orange" mt="xs" title={t('bulk.someFailed', { count: failed.length })}>
          {failed.map((f) => (
            <Text size="xs" key={f.id}>
              {codeMessage(f.code, f.message ?? '')}
            </Text>
          ))}
        </Alert>
      )}
      <ErrorAlert error={Object.keys(errors).length === 0 ? bulk.error : null} />
      <Modal
        opened={closing}
        onClose={() => setClosing(false)}
        title={t('bulk.closeTitle', { count: ids.length })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            bulk.mutate({
              ids,
              action: 'close',
              outcome: (outcome ?? undefined) as (typeof CASE_OUTCOMES)[number] | undefined,
              outcomeConfirmedOn: confirmedOn,
              notAdoptedReason: outcome === 'not_adopted' ? reason : undefined,
            });
          }}
        >
          <Select
            label={t('cases.outcome')}
            required
            data={CASE_OUTCOMES.map((o) => ({ value: o, label: t(`cases.outcomes.${o}`) }))}
            value={outcome}
            onChange={setOutcome}
            error={errors.outcome}
          />
          <TextInput
            type="date"
            label={t('cases.outcomeConfirmedOn')}
            required
            value={confirmedOn}
            onChange={(e) => setConfirmedOn(e.currentTarget.value)}
            error={errors.outcomeConfirmedOn}
          />
          {outcome === 'not_adopted' && (
            <Textarea
              label={t('cases.notAdoptedReason')}
              required
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.notAdoptedReason}
            />
          )}
          <Button type="submit" loading={bulk.isPending}>
            {t('bulk.close')}
          </Button>
        </Stack>
      </Modal>
    </Paper>
  );
}
