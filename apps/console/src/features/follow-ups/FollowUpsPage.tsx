import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../lib/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { fieldErrors } from '../../lib/field-errors';
import { formatDay } from '../../lib/format-date';
import { type FollowUp, useFollowUps, useRescheduleFollowUp } from './api/use-follow-ups';
import { CompleteFollowUpModal } from './CompleteFollowUpModal';
import { ConsoleForm } from '../../components/ConsoleForm';

const tokyoToday = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());

const addDays = (ymd: string, days: number): string => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

type Column = 'overdue' | 'today' | 'week' | 'later';

/**
 * A desk's follow-up board: overdue, today, this week, later. The filter (mine or the whole
 * desk) lives in the URL so a desk lead can share "our board".
 */
export function FollowUpsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const scope = params.get('scope') === 'desk' ? 'desk' : 'mine';
  const list = useFollowUps({
    status: 'open',
    limit: 500,
    ...(scope === 'mine' && user ? { assigneeId: user.id } : {}),
    ...(scope === 'desk' && user?.deskId ? { deskId: user.deskId } : {}),
  });
  const [completing, setCompleting] = useState<FollowUp | null>(null);
  const today = tokyoToday();
  const weekEnd = addDays(today, 7);
  const columnOf = (f: FollowUp): Column =>
    f.dueOn < today
      ? 'overdue'
      : f.dueOn === today
        ? 'today'
        : f.dueOn <= weekEnd
          ? 'week'
          : 'later';
  const columns: Column[] = ['overdue', 'today', 'week', 'later'];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('followUps.title')}</Title>
        <SegmentedControl
          aria-label={t('followUps.scope')}
          value={scope}
          onChange={(v) => setParams(v === 'desk' ? { scope: 'desk' } : {})}
          data={[
            { value: 'mine', label: t('followUps.mine') },
            { value: 'desk', label: t('followUps.desk') },
          ]}
        />
      </Group>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <PageLoader />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {columns.map((column) => {
            const items = (list.data ?? []).filter((f) => columnOf(f) === column);
            return (
              <Stack
                key={column}
                gap="xs"
                component="section"
                aria-label={t(`followUps.columns.${column}`)}
              >
                <Group gap="xs">
                  <Title order={3} size="h5">
                    {t(`followUps.columns.${column}`)}
                  </Title>
                  <Badge variant="light" color={column === 'overdue' ? 'red.9' : 'gray.7'}>
                    {items.length}
                  </Badge>
                </Group>
                {items.map((f) => (
                  <FollowUpCard key={f.id} value={f} onComplete={() => setCompleting(f)} />
                ))}
              </Stack>
            );
          })}
        </SimpleGrid>
      )}
      <CompleteFollowUpModal value={completing} onClose={() => setCompleting(null)} />
    </Stack>
  );
}

function FollowUpCard({ value, onComplete }: { value: FollowUp; onComplete: () => void }) {
  const { t, i18n } = useTranslation();
  const reschedule = useRescheduleFollowUp();
  const [moving, setMoving] = useState(false);
  const [date, setDate] = useState(value.dueOn);
  const errors = fieldErrors(reschedule.error);
  return (
    <Card withBorder padding="sm" data-testid="follow-up-card">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Anchor component={Link} to={`/cases/${value.caseId}`} size="sm" fw={600}>
            {value.organizationName}
          </Anchor>
          <Text
            size="xs"
            c={value.overdue ? 'red.9' : 'dimmed'}
            fw={value.overdue ? 700 : 400}
            style={{ whiteSpace: 'nowrap' }}
          >
            {formatDay(value.dueOn, i18n.language)}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {value.caseNumber} ·{' '}
          {value.kind === 'outcome_check' ? t('followUps.outcomeCheck') : value.caseSubject}
        </Text>
        {value.note && <Text size="sm">{value.note}</Text>}
        {value.assigneeName && (
          <Text size="xs" c="dimmed">
            {t('followUps.assignee')}: {value.assigneeName}
          </Text>
        )}
        {moving ? (
          <Group
            component={ConsoleForm}
            gap="xs"
            align="flex-end"
            onSubmit={(e) => {
              e.preventDefault();
              reschedule.mutate(
                { id: value.id, body: { version: value.version, dueDate: date } },
                { onSuccess: () => setMoving(false) },
              );
            }}
          >
            <TextInput
              type="date"
              size="xs"
              label={t('followUps.newDate')}
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={errors.dueDate}
            />
            <Button type="submit" size="xs" loading={reschedule.isPending}>
              {t('followUps.move')}
            </Button>
          </Group>
        ) : (
          <Group gap="xs">
            <Button size="compact-xs" onClick={onComplete}>
              {t('followUps.complete')}
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => setMoving(true)}>
              {t('followUps.reschedule')}
            </Button>
          </Group>
        )}
        {reschedule.error && Object.keys(errors).length === 0 && (
          <ErrorAlert error={reschedule.error} />
        )}
      </Stack>
    </Card>
  );
}
