import { Alert, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type RegistryEntry, useRegistryEntry } from '../organizations/api/use-organizations';
import type { NewOrganization } from './intake-draft';

/** The new organization's fields a registry record fills: the address as prefecture + the rest. */
export const fromRegistry = (org: NewOrganization, r: RegistryEntry): NewOrganization => ({
  ...org,
  name: r.name,
  nameKana: r.nameKana ?? org.nameKana,
  prefectureCode: r.prefectureCode ?? org.prefectureCode,
  address: `${r.cityName ?? ''}${r.streetNumber ?? ''}` || r.address || org.address,
});

/**
 * A corporate number nobody has yet, looked up in the National Tax Agency's data: its registered
 * name, kana and address are offered for the new organization, so they are not typed from the
 * caller's dictation (and a closed corporation is flagged before it is registered).
 */
export function IntakeRegistryOffer({
  corporateNumber,
  value,
  onUse,
}: {
  corporateNumber: string;
  value: NewOrganization;
  onUse: (filled: NewOrganization) => void;
}) {
  const { t } = useTranslation();
  const entry = useRegistryEntry(corporateNumber);
  if (entry.data === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="intake-registry-missing">
        {t('cases.registryOffer.notInRegistry')}
      </Text>
    );
  }
  if (!entry.data) {
    return null;
  }
  const r = entry.data;
  const filled = fromRegistry(value, r);
  const applied =
    filled.name === value.name &&
    filled.nameKana === value.nameKana &&
    filled.prefectureCode === value.prefectureCode &&
    filled.address === value.address;
  return (
    <Paper withBorder p="sm" data-testid="intake-registry">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('cases.registryOffer.title')}
        </Text>
        {r.closed && (
          <Alert color="yellow" py="xs" role="status">
            {t('organizations.registry.closed', { date: r.closeDate ?? '' })}
          </Alert>
        )}
        <Table withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">{t('organizations.registry.registeredName')}</Table.Th>
              <Table.Td>{r.name}</Table.Td>
            </Table.Tr>
            {r.nameKana && (
              <Table.Tr>
                <Table.Th scope="row">{t('organizations.registry.registeredKana')}</Table.Th>
                <Table.Td>{r.nameKana}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th scope="row">{t('organizations.registry.registeredAddress')}</Table.Th>
              <Table.Td>{r.address}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          {applied ? (
            <Text size="sm" c="dimmed" role="status">
              {t('cases.registryOffer.used')}
            </Text>
          ) : (
            <Button size="compact-sm" variant="default" onClick={() => onUse(filled)}>
              {t('cases.registryOffer.use')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
