import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format-date';
import { useOrganization, useOrganizationCases } from '../organizations/api/use-organizations';
import { StatusBadge } from './StatusBadge';

const SHOWN_CASES = 3;

/**
 * What the operator needs to know about the caller's organization while still on the phone:
 * how it was helped before, and how many free expert sessions it has left.
 */
export function OrganizationSummary({ organizationId }: { organizationId: string }) {
  const { t, i18n } = useTranslation();
  const organization = useOrganization(organizationId);
  const cases = useOrganizationCases(organizationId);
  const allowance = organization.data?.sessionAllowance;
  const past = cases.data?.items ?? [];
  return (
    <Paper
      withBorder
      p="xs"
      data-testid="organization-summary"
      aria-label={t('cases.summary.label')}
      component="section"
    >
      <Stack gap={4}>
        <Group gap="xs">
          {allowance && (
            <Badge
              variant="light"
              color={allowance.remaining > 0 ? 'indigo.8' : 'red.9'}
              tt="none"
              size="lg"
            >
              {t('cases.summary.allowance', { used: allowance.used, limit: allowance.limit })}
            </Badge>
          )}
          {cases.data && (
            <Text size="sm">
              {past.length === 0
                ? t('cases.summary.noCases')
                : t('cases.summary.cases', { count: past.length })}
            </Text>
          )}
        </Group>
        {past.slice(0, SHOWN_CASES).map((c) => (
          <Group key={c.id} gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(c.receivedAt, i18n.language)}
            </Text>
            <StatusBadge status={c.status} />
            <Anchor component={Link} to={`/cases/${c.id}`} target="_blank" size="sm" truncate>
              {c.subject}
            </Anchor>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
