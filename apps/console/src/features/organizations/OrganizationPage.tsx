import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { useSession } from '../../lib/session';
import { useOrganization } from './api/use-organizations';
import { AuditSection } from './components/AuditSection';
import { CasesSection } from './components/CasesSection';
import { ContactsSection } from './components/ContactsSection';
import { DuplicatesSection } from './components/DuplicatesSection';
import { ProfileForm } from './components/ProfileForm';
import { SessionsSection } from './components/SessionsSection';
import { industryName, prefectureName } from '../../lib/labels';

/** One organization: its profile, contacts, cases, expert sessions and (for managers) history. */
export function OrganizationPage({
  legalHold,
}: {
  /** The organization's legal hold (data stewardship), filled in by the route (src/app). */
  legalHold?: (organizationId: string) => ReactNode;
} = {}) {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const organization = useOrganization(id);

  if (organization.isPending) {
    return <PageLoader />;
  }
  if (!organization.data) {
    return <ErrorAlert error={organization.error} />;
  }
  const o = organization.data;
  // Desks edit; managers and admins read (the API enforces the same split).
  const canWrite = user?.role === 'operator' || user?.role === 'desk_staff';
  const canMerge = user?.role === 'operator' || user?.role === 'manager';
  const seesAudit = user?.role === 'admin' || user?.role === 'manager';
  return (
    <Stack maw={1000}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {[
              prefectureName(o.prefectureCode, i18n.language),
              industryName(o.industryCode, i18n.language),
              o.corporateNumber,
            ]
              .filter(Boolean)
              .join(' · ') || t('organizations.title')}
          </Text>
          <Title order={2}>{o.name}</Title>
        </div>
        <Group gap="xs">
          {canMerge && (
            <Button
              component={Link}
              to={`/organizations/${o.id}/merge`}
              variant="default"
              size="xs"
            >
              {t('organizations.merge.start')}
            </Button>
          )}
        </Group>
      </Group>
      <ProfileForm key={o.id} organization={o} canWrite={canWrite} />
      <DuplicatesSection organization={o} canMerge={canMerge} />
      <ContactsSection organizationId={o.id} canWrite={canWrite} />
      <CasesSection organizationId={o.id} />
      <SessionsSection organization={o} />
      {legalHold?.(o.id)}
      {seesAudit && <AuditSection organizationId={o.id} />}
    </Stack>
  );
}
