import {
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../../components/ConsoleForm';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useAttemptErrors } from '../../../lib/attempt-errors';
import { fieldErrors, missingRequired } from '../../../lib/field-errors';
import { useSession } from '../../../lib/session';
import { toastDone } from '../../../lib/toast';
import {
  type DataSubjectSearchResult,
  type ErasureResult,
  useDataSubjectRequests,
  useEraseDataSubject,
} from '../api/use-stewardship';
import { ErasureConfirmModal } from './ErasureConfirmModal';
import { ErasureDone } from './ErasureDone';

/** The roles the API lets erase (an operator records and searches, but does not erase). */
const ERASERS = new Set(['manager', 'admin']);

/**
 * Pseudonymizes the person found, now, under an open erasure or stop-of-use request: pick the
 * request and the contacts that are this person, give the reason, then confirm a summary of what
 * goes (cases on legal hold stay, as the API leaves them).
 */
export function ErasurePanel({ result }: { result: DataSubjectSearchResult }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const allowed = ERASERS.has(user?.role ?? '');
  const requests = useDataSubjectRequests();
  const erase = useEraseDataSubject();
  const titleId = useId();
  const candidates = result.contacts.filter((c) => !c.pseudonymizedAt);
  const open = (requests.data?.items ?? []).filter(
    (r) =>
      (r.kind === 'erasure' || r.kind === 'stop_of_use') &&
      r.status !== 'answered' &&
      r.status !== 'rejected',
  );
  const [requestId, setRequestId] = useState<string | null>(null);
  const [contactIds, setContactIds] = useState<string[]>(() => candidates.map((c) => c.id));
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<ErasureResult | null>(null);
  const { attempt, shown } = useAttemptErrors({ requestId, contactIds, reason });
  const errors = shown(fieldErrors(erase.error));
  if (!allowed || (candidates.length === 0 && !done)) {
    return null;
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = missingRequired({ requestId, contactIds, reason: reason.trim() });
    attempt(missing);
    if (Object.keys(missing).length === 0) {
      setConfirming(true);
    }
  };
  const confirm = () =>
    erase.mutate(
      { id: requestId!, body: { contactIds, reason: reason.trim() } },
      {
        onSuccess: (answer) => {
          setDone(answer);
          toastDone(t('erasure.done'));
        },
        onSettled: () => setConfirming(false),
      },
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={4} id={titleId}>
          {t('erasure.title')}
        </Title>
        <Text size="sm">{t('erasure.note')}</Text>
        {done ? (
          <ErasureDone result={done} />
        ) : open.length === 0 ? (
          <Text size="sm">{t('erasure.noRequests')}</Text>
        ) : (
          <Stack gap="sm" component={ConsoleForm} onSubmit={submit}>
            <Select
              label={t('erasure.request')}
              required
              data={open.map((r) => ({
                value: r.id,
                label: `${t(`dataSubjects.kinds.${r.kind}`)}: ${r.requesterName}`,
              }))}
              value={requestId}
              onChange={setRequestId}
              error={errors.requestId}
            />
            <Checkbox.Group
              label={t('erasure.contacts')}
              required
              value={contactIds}
              onChange={setContactIds}
              error={errors.contactIds}
            >
              <Stack gap={4} mt={4}>
                {candidates.map((c) => (
                  <Checkbox
                    key={c.id}
                    value={c.id}
                    label={[c.name, c.email, c.phone, c.organizationName]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
            <Textarea
              label={t('erasure.reason')}
              required
              autosize
              minRows={2}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
            />
            {erase.error && Object.keys(errors).length === 0 && <ErrorAlert error={erase.error} />}
            <Group>
              <Button type="submit" variant="default">
                {t('erasure.start')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
      <ErasureConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={confirm}
        pending={erase.isPending}
        result={result}
        candidates={candidates}
        contactIds={contactIds}
      />
    </Paper>
  );
}
