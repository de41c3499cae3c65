import { Alert, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MergePreview, OrganizationView } from '../api/organization-types';
import { prefectureName } from '../../../lib/labels';

function Side({ title, organization }: { title: string; organization: OrganizationView }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder>
      <Text size="xs" c="dimmed">
        {title}
      </Text>
      <Text fw={600}>{organization.name}</Text>
      <Text size="sm">
        {[
          prefectureName(organization.prefectureCode, i18n.language),
          organization.corporateNumber,
          organization.phone,
        ]
          .filter(Boolean)
          .join(' · ') || '—'}
      </Text>
      <Text size="sm">
        {t('organizations.allowance', {
          used: organization.sessionAllowance.used,
          limit: organization.sessionAllowance.limit,
        })}
      </Text>
    </Card>
  );
}

/** What a merge would do: who disappears, what moves over, and the allowance afterwards. */
export function MergePreviewCard({ preview }: { preview: MergePreview }) {
  const { t } = useTranslation();
  const after = preview.allowanceAfter;
  return (
    <Stack data-testid="merge-preview">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Side title={t('organizations.merge.source')} organization={preview.source} />
        <Side title={t('organizations.merge.target')} organization={preview.target} />
      </SimpleGrid>
      <div>
        <Title order={3} size="h5" mb={4}>
          {t('organizations.merge.moves')}
        </Title>
        <List size="sm">
          <List.Item>
            {t('organizations.merge.movesContacts', { count: preview.moves.contacts })}
          </List.Item>
          <List.Item>
            {t('organizations.merge.movesCases', { count: preview.moves.cases })}
          </List.Item>
          <List.Item>
            {t('organizations.merge.movesSessions', { count: preview.moves.sessions })}
          </List.Item>
          <List.Item>
            {t('organizations.merge.movesGrants', { count: preview.moves.grants })}
          </List.Item>
        </List>
      </div>
      <Text size="sm" fw={600} data-testid="merge-allowance-after">
        {t('organizations.merge.allowanceAfter', { used: after.used, limit: after.limit })}
      </Text>
      {preview.overAllowance && (
        <Alert color="red" role="alert" title={t('organizations.merge.overAllowanceTitle')}>
          {t('organizations.merge.overAllowance', { used: after.used, limit: after.limit })}
        </Alert>
      )}
    </Stack>
  );
}
