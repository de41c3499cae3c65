import {
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
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
import { CountLabel } from './RunCard';

/** The roles the API lets erase (an operator records and searches, but does not erase). */
const ERASERS = new Set(['manager', 'admin']);

/**
 * Pseudonymizes the person found, now, under an open erasure or stop-of-use request: pick the
 * request and the contacts that are this person, give the reason, then confirm a summary of what
 * goes (cases on legal hold stay, as the API leaves them).
 */
export function ErasurePanel({ result }: { result: DataSubjectSearchResult }) {
  const { t, i18n } = useTranslation();
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
  const chosen = new Set(contactIds);
  const cases = result.cases.filter((c) => c.contactId !== null && chosen.has(c.contactId));
  const held = cases.filter((c) => c.onLegalHold);
  const erased = new Set(cases.filter((c) => !c.onLegalHold).map((c) => c.id));
  const mails = result.mails.filter((m) => m.caseId !== null && erased.has(m.caseId)).length;
  const surveys = result.surveys.filter((s) => erased.has(s.caseId)).length;

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
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
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
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('erasure.cancel')}
            </Button>
            <Button color="red.9" loading={erase.isPending} onClick={confirm}>
              {t('erasure.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function ErasureDone({ result }: { result: ErasureResult }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs" data-testid="erasure-result">
      <Text fw={600}>{t('erasure.result')}</Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stewardship.countKey')}</Table.Th>
            <Table.Th>{t('stewardship.counts')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Object.entries(result.counts).map(([key, n]) => (
            <Table.Tr key={key}>
              <Table.Td>
                <CountLabel name={key} />
              </Table.Td>
              <Table.Td>{n.toLocaleString(i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result.heldCaseIds.length > 0 && (
        <Text size="sm">{t('erasure.heldLeft', { count: result.heldCaseIds.length })}</Text>
      )}
    </Stack>
  );
}
