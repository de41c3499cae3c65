import { type Schemas } from '@madoguchi/api-client';
import { Badge, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format-date';

type Organization = Schemas['OrganizationDto'];

/** The organization's free sessions used of its limit ("2 / 3"), and how many grants raise it. */
export function AllowanceBadge({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const allowance = organization.sessionAllowance;
  // Grants of another fiscal year do not raise this year's limit.
  const grants = organization.sessionGrants.filter(
    (g) => allowance.fiscalYear === null || g.fiscalYear === allowance.fiscalYear,
  );
  return (
    <Badge
      size="lg"
      variant={allowance.remaining === 0 ? 'filled' : 'outline'}
      color={allowance.remaining === 0 ? 'red.9' : 'blue.9'}
      data-testid="allowance"
      styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
    >
      {t('sessions.allowance', { used: allowance.used, limit: allowance.limit })}
      {grants.length > 0 && t('sessions.allowanceGrants', { count: grants.length })}
    </Badge>
  );
}

/** Every grant on record, of any fiscal year, with its reason and who granted it when. */
export function SessionGrantList({ organization }: { organization: Organization }) {
  const { t, i18n } = useTranslation();
  if (organization.sessionGrants.length === 0) {
    return null;
  }
  return (
    <Stack gap={2} mb="sm" data-testid="session-grants">
      <Text size="sm" fw={600}>
        {t('sessions.grants')}
      </Text>
      <List size="sm" spacing={2}>
        {organization.sessionGrants.map((g) => (
          <List.Item key={g.id}>
            {g.reason}
            <Text span size="xs" c="dimmed">
              {' — '}
              {t('sessions.grantedBy', {
                name: g.grantedByName,
                at: formatDateTime(g.createdAt, i18n.language),
                fiscalYear: g.fiscalYear,
              })}
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
