import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FiscalYearPicker } from '../../components/FiscalYearPicker';
import { useActiveExperts } from '../expert-sessions/api/use-sessions';
import { useDeskOptions } from '../reports/api/use-reports';
import { formatDateTime } from '../../lib/format-date';
import { toastDone } from '../../lib/toast';
import {
  type UnansweredQuery,
  type UnansweredSurvey,
  useResendSurvey,
  useUnansweredSurveys,
} from './api/use-surveys';

/**
 * Who has not answered their satisfaction survey, for the desks to follow up: filter by desk,
 * expert and fiscal year, and mail the same link again while it is open.
 */
export function UnansweredSurveysPage() {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState<UnansweredQuery>({});
  const surveys = useUnansweredSurveys(query);
  const desks = useDeskOptions();
  const experts = useActiveExperts(true);
  const resend = useResendSurvey();
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  const set = (patch: Partial<UnansweredQuery>) => setQuery((q) => ({ ...q, ...patch }));
  const items = surveys.data ?? [];
  const refusal = (s: UnansweredSurvey): string | null =>
    s.status === 'expired'
      ? t('surveys.resendExpired')
      : s.contactOptedOut
        ? t('surveys.optedOut')
        : null;

  return (
    <Stack>
      <Title order={2}>{t('surveys.unansweredTitle')}</Title>
      <Group align="flex-end">
        <Select
          label={t('surveys.desk')}
          clearable
          data={(desks.data ?? []).map((d) => ({
            value: d.id,
            label: i18n.language === 'en' ? d.nameEn : d.nameJa,
          }))}
          value={query.deskId ?? null}
          onChange={(v) => set({ deskId: v ?? undefined })}
        />
        <Select
          label={t('surveys.expert')}
          clearable
          searchable
          data={(experts.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
          value={query.expertId ?? null}
          onChange={(v) => set({ expertId: v ?? undefined })}
        />
        <FiscalYearPicker
          optional
          label={t('surveys.fiscalYear')}
          value={query.fiscalYear}
          onChange={(fiscalYear) => set({ fiscalYear })}
        />
      </Group>
      <ErrorAlert error={surveys.error ?? resend.error} />
      {surveys.isPending ? null : items.length === 0 ? (
        <Text c="dimmed">{t('surveys.noneUnanswered')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table aria-label={t('surveys.unansweredTitle')} data-testid="unanswered-surveys">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('surveys.case')}</Table.Th>
                <Table.Th>{t('surveys.session')}</Table.Th>
                <Table.Th>{t('surveys.sent')}</Table.Th>
                <Table.Th>{t('surveys.state')}</Table.Th>
                <Table.Th>{t('sessions.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id} data-testid="unanswered-survey">
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${s.caseId}`} size="sm">
                      {s.organizationName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {s.caseNumber}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t(`sessions.kinds.${s.sessionKind as 'assessment'}`)} · {s.expertName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {at(s.sessionStart)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{at(s.invitedAt)}</Text>
                    {s.remindedAt && (
                      <Text size="xs" c="dimmed">
                        {t('surveys.remindedAt', { at: at(s.remindedAt) })}
                      </Text>
                    )}
                    {s.resentAt && (
                      <Text size="xs" c="dimmed">
                        {t('surveys.resentAt', { at: at(s.resentAt) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge variant="outline" color={s.status === 'expired' ? 'gray.8' : 'blue.9'}>
                        {t(`surveys.states.${s.status}`)}
                      </Badge>
                      {s.contactOptedOut && (
                        <Badge variant="outline" color="gray.8">
                          {t('surveys.optedOut')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      disabled={refusal(s) !== null}
                      title={refusal(s) ?? undefined}
                      loading={resend.isPending && resend.variables === s.id}
                      onClick={() =>
                        resend.mutate(s.id, { onSuccess: () => toastDone(t('surveys.resent')) })
                      }
                    >
                      {t('surveys.resend')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
