import { Button, Card, Group, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../lib/session';
import { toastDone } from '../../lib/toast';
import { type Case, useAssignees, useUpdateCase } from './api/use-cases';

/**
 * Who holds the case: "take it" for someone of the owning desk, and a reassignment among the
 * people the API accepts (the owning desk's active operators and staff).
 */
export function AssignmentCard({ value }: { value: Case }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const assignees = useAssignees(value.id);
  const update = useUpdateCase(value.id);
  const people = assignees.data ?? [];
  const current = people.find((p) => p.id === value.assigneeId);
  const mayTake =
    user !== null && value.assigneeId !== user.id && people.some((p) => p.id === user.id);

  const assign = (assigneeId: string | null, message: string) =>
    update.mutate({ version: value.version, assigneeId }, { onSuccess: () => toastDone(message) });

  return (
    <Card withBorder data-testid="assignment" component="section" aria-label={t('cases.assignee')}>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('cases.assignee')}
          placeholder={t('cases.unassigned')}
          data={people.map((p) => ({ value: p.id, label: p.name }))}
          value={value.assigneeId}
          onChange={(id) => assign(id, t('cases.reassigned'))}
          clearable
          searchable
          w={260}
          disabled={update.isPending}
        />
        <Text size="sm" c="dimmed" pb={6}>
          {value.assigneeId ? (current?.name ?? '') : t('cases.unassigned')}
        </Text>
        {mayTake && (
          <Button
            size="xs"
            mb={4}
            loading={update.isPending}
            onClick={() => assign(user.id, t('cases.taken'))}
          >
            {t('cases.takeIt')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={update.error} />
    </Card>
  );
}
