import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { toastDone } from '../../lib/toast';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAttemptErrors } from '../../lib/attempt-errors';
import { fieldErrors, missingRequired } from '../../lib/field-errors';
import { formatDay } from '../../lib/format-date';
import { type FollowUp, useAddFollowUp, useCaseFollowUps } from './api/use-follow-ups';
import { CompleteFollowUpModal } from './CompleteFollowUpModal';
import { ConsoleForm } from '../../components/ConsoleForm';

/** A case's follow-ups, with a quick "in N business days" planner. */
export function CaseFollowUps({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useCaseFollowUps(caseId);
  const add = useAddFollowUp(caseId);
  const [days, setDays] = useState<number | string>(5);
  const [note, setNote] = useState('');
  const [completing, setCompleting] = useState<FollowUp | null>(null);
  const { attempt, shown } = useAttemptErrors({ dueInBusinessDays: days });
  const errors = shown(fieldErrors(add.error));
  const items = list.data ?? [];
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        {t('followUps.title')}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('followUps.none')}
        </Text>
      ) : (
        <Table aria-label={t('followUps.title')}>
          <Table.Tbody>
            {items.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>
                  <Text size="sm" c={f.overdue ? 'red.9' : undefined} fw={f.overdue ? 700 : 400}>
                    {formatDay(f.dueOn, i18n.language)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {f.kind === 'outcome_check' ? t('followUps.outcomeCheck') : f.note}
                  </Text>
                </Table.Td>
                <Table.Td>{f.assigneeName ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" color={f.status === 'open' ? 'blue.9' : 'gray.7'}>
                    {t(`followUps.statuses.${f.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {canWrite && f.status === 'open' && (
                    <Button size="compact-xs" variant="default" onClick={() => setCompleting(f)}>
                      {t('followUps.complete')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canWrite && (
        <Group
          component={ConsoleForm}
          align="flex-end"
          mt="sm"
          onSubmit={(e) => {
            e.preventDefault();
            // An emptied number is a missing one, not "today".
            const missing = missingRequired({ dueInBusinessDays: days });
            add.reset();
            attempt(missing);
            if (Object.keys(missing).length > 0) {
              return;
            }
            add.mutate(
              {
                dueInBusinessDays: typeof days === 'number' ? days : Number(days),
                note: note || undefined,
              },
              { onSuccess: () => (setNote(''), toastDone(t('followUps.added'))) },
            );
          }}
        >
          <NumberInput
            label={t('followUps.inBusinessDays')}
            required
            min={0}
            max={250}
            w={160}
            value={days}
            onChange={setDays}
            error={errors.dueInBusinessDays ?? errors.dueDate}
          />
          <TextInput
            label={t('followUps.note')}
            style={{ flex: 1 }}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <Button type="submit" variant="default" loading={add.isPending}>
            {t('followUps.add')}
          </Button>
        </Group>
      )}
      {add.error && Object.keys(errors).length === 0 && <ErrorAlert error={add.error} />}
      <CompleteFollowUpModal value={completing} onClose={() => setCompleting(null)} />
    </Card>
  );
}
