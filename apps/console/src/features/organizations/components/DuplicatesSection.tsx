import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrganizationView } from '../api/organization-types';
import { useDuplicateCandidates } from '../api/use-organizations';
import { prefectureName } from '../../../lib/labels';

/**
 * Organizations that look like this one (same corporate number, name, phone), each with a way
 * to fold it into this one. There is no separate duplicates list, so this is where merges start.
 */
export function DuplicatesSection({
  organization,
  canMerge,
}: {
  organization: OrganizationView;
  canMerge: boolean;
}) {
  const { t, i18n } = useTranslation();
  const duplicates = useDuplicateCandidates({
    name: organization.name,
    phone: organization.phone ?? undefined,
    corporateNumber: organization.corporateNumber ?? undefined,
  });
  const others = (duplicates.data ?? []).filter((d) => d.organization.id !== organization.id);
  if (others.length === 0) {
    return null;
  }
  return (
    <Card
      withBorder
      component="section"
      aria-labelledby="org-duplicates"
      data-testid="org-duplicates"
    >
      <Title order={3} size="h4" mb="sm" id="org-duplicates">
        {t('organizations.sections.duplicates')}
      </Title>
      <Stack gap="xs">
        {others.map((d) => (
          <Group key={d.organization.id} justify="space-between" wrap="nowrap">
            <div>
              <Anchor component={Link} to={`/organizations/${d.organization.id}`} fw={600}>
                {d.organization.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[
                  prefectureName(d.organization.prefectureCode, i18n.language),
                  d.organization.corporateNumber,
                  d.reasons.map((r) => t(`cases.reasons.${r}`)).join('・'),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </div>
            {canMerge && (
              <Button
                size="compact-sm"
                variant="light"
                component={Link}
                to={`/organizations/${d.organization.id}/merge?into=${organization.id}`}
                aria-label={t('organizations.mergeHereNamed', { name: d.organization.name })}
              >
                {t('organizations.mergeHere')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
