import { Alert, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistryCheck } from '../api/organization-types';
import { useRegistryCheck } from '../api/use-organizations';
import type { ProfileDraft } from '../profile-draft';

type Registered = NonNullable<RegistryCheck['registered']>;

/** The form fields a registered value fills: the address goes in as prefecture + the rest. */
const copies = (r: Registered) =>
  [
    { key: 'registeredName', value: r.name, fields: { name: r.name } },
    r.nameKana && { key: 'registeredKana', value: r.nameKana, fields: { nameKana: r.nameKana } },
    r.address && {
      key: 'registeredAddress',
      value: r.address,
      fields: {
        prefectureCode: r.prefectureCode,
        address: `${r.cityName ?? ''}${r.streetNumber ?? ''}` || r.address,
      },
    },
  ].filter(Boolean) as {
    key: 'registeredName' | 'registeredKana' | 'registeredAddress';
    value: string;
    fields: Partial<ProfileDraft>;
  }[];

/**
 * The organization against the National Tax Agency's registry: a flag when the registered name or
 * address differs or the corporation is closed, with the registered values to copy into the form.
 */
export function RegistrySection({
  organizationId,
  canWrite,
  onCopy,
}: {
  organizationId: string;
  canWrite: boolean;
  onCopy: (fields: Partial<ProfileDraft>) => void;
}) {
  const { t } = useTranslation();
  const check = useRegistryCheck(organizationId);
  const [copied, setCopied] = useState(false);
  const c = check.data;
  if (!c || c.status === 'no_corporate_number') {
    return null;
  }
  if (c.status === 'not_in_registry' || !c.registered) {
    return (
      <Text size="sm" c="dimmed">
        {t('organizations.registry.notInRegistry')}
      </Text>
    );
  }
  const r = c.registered;
  if (!c.flagged) {
    return (
      <Text size="sm" c="dimmed" data-testid="registry-matches">
        {t('organizations.registry.matches', { date: r.updateDate })}
      </Text>
    );
  }
  return (
    <Alert
      color="orange"
      title={t('organizations.registry.flaggedTitle')}
      data-testid="registry-flag"
    >
      <Stack gap="xs">
        <List size="sm">
          {c.nameDiffers && <List.Item>{t('organizations.registry.nameDiffers')}</List.Item>}
          {c.addressDiffers && <List.Item>{t('organizations.registry.addressDiffers')}</List.Item>}
          {c.closed && (
            <List.Item>{t('organizations.registry.closed', { date: r.closeDate ?? '' })}</List.Item>
          )}
        </List>
        {r.successorCorporateNumber && (
          <Text size="sm">
            {t('organizations.registry.successor', { number: r.successorCorporateNumber })}
          </Text>
        )}
        <Table
          withRowBorders={false}
          verticalSpacing={4}
          aria-label={t('organizations.registry.title')}
        >
          <Table.Tbody>
            {copies(r).map((copy) => (
              <Table.Tr key={copy.key}>
                <Table.Th scope="row" w={160}>
                  {t(`organizations.registry.${copy.key}`)}
                </Table.Th>
                <Table.Td>{copy.value}</Table.Td>
                {canWrite && (
                  <Table.Td w={140}>
                    <Button
                      size="compact-xs"
                      variant="default"
                      aria-label={`${t('organizations.registry.copy')}: ${t(`organizations.registry.${copy.key}`)}`}
                      onClick={() => {
                        onCopy(copy.fields);
                        setCopied(true);
                      }}
                    >
                      {t('organizations.registry.copy')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {copied && (
          <Group>
            <Text size="sm" role="status">
              {t('organizations.registry.copied')}
            </Text>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
