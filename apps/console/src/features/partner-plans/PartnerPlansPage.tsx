import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FiscalYearPicker } from '../../components/FiscalYearPicker';
import { useSession } from '../../lib/session';
import { ActivityFormModal } from './ActivityFormModal';
import { type PlanActivity, usePlanActivities } from './api/use-partner-plans';
import { usePartyLabel } from './party-label';

interface Props {
  fiscalYear: number;
  onFiscalYearChange: (fiscalYear: number) => void;
}

const figure = (value: number | null): string => (value === null ? '—' : value.toLocaleString());
const percent = (value: number | null): string => (value === null ? '—' : `${value.toFixed(1)}%`);

/**
 * The cooperation plans of a fiscal year: what each party does, its target and achieved figure,
 * and what the linked events and referrals count. Managers and admins record and edit them.
 */
export function PartnerPlansPage({ fiscalYear, onFiscalYearChange }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const partyLabel = usePartyLabel();
  const activities = usePlanActivities(fiscalYear);
  // null: closed; 'new': recording one; otherwise the activity being edited.
  const [editing, setEditing] = useState<PlanActivity | 'new' | null>(null);
  const writes = user?.role === 'manager' || user?.role === 'admin';
  const items = activities.data ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('partnerPlans.title')}</Title>
        {writes && <Button onClick={() => setEditing('new')}>{t('partnerPlans.new')}</Button>}
      </Group>
      <Text size="sm" c="dimmed">
        {t('partnerPlans.intro')}
      </Text>
      <FiscalYearPicker
        label={t('partnerPlans.fiscalYear')}
        value={fiscalYear}
        onChange={onFiscalYearChange}
      />
      <ErrorAlert error={activities.error} />
      {activities.isPending ? null : items.length === 0 ? (
        <Text c="dimmed">{t('partnerPlans.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label={t('partnerPlans.title')} data-testid="partner-plan-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('partnerPlans.fields.party')}</Table.Th>
                <Table.Th>{t('partnerPlans.fields.title')}</Table.Th>
                <Table.Th ta="right">{t('partnerPlans.fields.target')}</Table.Th>
                <Table.Th ta="right">{t('partnerPlans.fields.achieved')}</Table.Th>
                <Table.Th ta="right">{t('partnerPlans.percent')}</Table.Th>
                <Table.Th ta="right">{t('partnerPlans.linkedEvents')}</Table.Th>
                <Table.Th ta="right">{t('partnerPlans.linkedReferrals')}</Table.Th>
                {writes && <Table.Th>{t('partnerPlans.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{partyLabel(a)}</Table.Td>
                  <Table.Td>{a.title}</Table.Td>
                  <Table.Td ta="right">
                    {figure(a.target)} {a.target !== null && a.unit}
                  </Table.Td>
                  <Table.Td ta="right">
                    {figure(a.achieved)} {a.achieved !== null && a.unit}
                  </Table.Td>
                  <Table.Td ta="right">{percent(a.percent)}</Table.Td>
                  <Table.Td ta="right">{a.linkedEvents}</Table.Td>
                  <Table.Td ta="right">{a.linkedReferrals}</Table.Td>
                  {writes && (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="default"
                        aria-label={t('partnerPlans.editNamed', { title: a.title })}
                        onClick={() => setEditing(a)}
                      >
                        {t('partnerPlans.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing !== null && (
        <ActivityFormModal
          fiscalYear={fiscalYear}
          activity={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
