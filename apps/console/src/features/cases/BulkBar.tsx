import { Alert, Button, Group, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { codeMessage, fieldErrors } from '../../lib/field-errors';
import { type BulkResult, useBulkCases } from './api/use-cases';
import { CloseCaseModal } from './CloseCaseModal';

/** Acts on the selected cases; each case succeeds or fails on its own and the bar says so. */
export function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [closing, setClosing] = useState(false);
  const [failed, setFailed] = useState<BulkResult[]>([]);
  const bulk = useBulkCases({
    onSuccess: (results) => {
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
      <CloseCaseModal
        opened={closing}
        onClose={() => setClosing(false)}
        title={t('bulk.closeTitle', { count: ids.length })}
        submitLabel={t('bulk.close')}
        pending={bulk.isPending}
        error={bulk.error}
        onSubmit={(values) => bulk.mutate({ ids, action: 'close', ...values })}
      />
    </Paper>
  );
}
