import { PREFECTURES, TOPICS } from '@madoguchi/domain';
import {
  Badge,
  Button,
  Group,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { type Expert, useExperts } from './api/use-experts';
import { ExpertFormModal } from './ExpertFormModal';

/** Experts' profiles: qualifications, topics, regions, monthly capacity and whether they take sessions. */
export function ExpertsPage() {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const [activeOnly, setActiveOnly] = useState(false);
  const experts = useExperts(activeOnly);
  const [editing, setEditing] = useState<Expert | 'new' | null>(null);
  const topic = (code: string) => {
    const found = TOPICS.find((tp) => tp.code === code);
    return found ? (ja ? found.labelJa : found.labelEn) : code;
  };
  const prefecture = (code: string) => {
    const found = PREFECTURES.find((p) => p.code === code);
    return found ? (ja ? found.nameJa : found.nameEn) : code;
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('experts.title')}</Title>
        <Button onClick={() => setEditing('new')}>{t('experts.create')}</Button>
      </Group>
      <Switch
        label={t('experts.filterActive')}
        checked={activeOnly}
        onChange={(e) => setActiveOnly(e.currentTarget.checked)}
      />
      <ErrorAlert error={experts.error} />
      {experts.isPending ? (
        <PageLoader />
      ) : (
        <Table striped highlightOnHover aria-label={t('experts.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('experts.name')}</Table.Th>
              <Table.Th>{t('experts.qualifications')}</Table.Th>
              <Table.Th>{t('experts.specialties')}</Table.Th>
              <Table.Th>{t('experts.prefectures')}</Table.Th>
              <Table.Th>{t('experts.capacityShort')}</Table.Th>
              <Table.Th>{t('experts.active')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('experts.edit')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(experts.data ?? []).length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>{t('experts.empty')}</Table.Td>
              </Table.Tr>
            )}
            {(experts.data ?? []).map((expert) => (
              <Table.Tr key={expert.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {expert.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {expert.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {expert.qualifications
                    .map((q) => t(`experts.qualificationNames.${q as 'other'}`))
                    .join('、')}
                </Table.Td>
                <Table.Td>{expert.specialties.map(topic).join('、')}</Table.Td>
                <Table.Td>{expert.prefectures.map(prefecture).join('、')}</Table.Td>
                <Table.Td>{expert.capacityPerMonth}</Table.Td>
                <Table.Td>
                  <Badge color={expert.active ? 'teal.9' : 'gray.7'}>
                    {expert.active ? t('experts.active') : t('experts.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setEditing(expert)}
                    aria-label={`${t('experts.edit')}: ${expert.name}`}
                  >
                    {t('experts.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <ExpertFormModal
          expert={editing === 'new' ? null : editing}
          taken={(experts.data ?? []).map((e) => e.userId)}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
