import { Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { ContactView } from '../api/organization-types';
import { useContacts, useSaveContact } from '../api/use-organizations';
import { ContactModal } from './ContactModal';

/**
 * The organization's contact people. Someone who has left is marked, not deleted: past cases
 * still name them. A regional desk may see none (contacts are shown only where the desk's work
 * needs them).
 */
export function ContactsSection({
  organizationId,
  canWrite,
}: {
  organizationId: string;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const contacts = useContacts(organizationId);
  const save = useSaveContact(organizationId);
  // undefined: closed; null: adding; a contact: editing it.
  const [editing, setEditing] = useState<ContactView | null | undefined>(undefined);
  const items = contacts.data?.items ?? [];

  return (
    <Card withBorder component="section" aria-labelledby="org-contacts">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="org-contacts">
          {t('organizations.sections.contacts')}
        </Title>
        {canWrite && (
          <Button size="xs" variant="default" onClick={() => setEditing(null)}>
            {t('organizations.contacts.add')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={contacts.error ?? save.error} />
      {contacts.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('organizations.contacts.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="contacts-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('organizations.contacts.name')}</Table.Th>
                <Table.Th>{t('organizations.contacts.title')}</Table.Th>
                <Table.Th>{t('organizations.contacts.phone')}</Table.Th>
                <Table.Th>{t('organizations.contacts.email')}</Table.Th>
                <Table.Th>{t('organizations.contacts.consent')}</Table.Th>
                {canWrite && <Table.Th>{t('organizations.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => {
                const left = c.active === false;
                return (
                  <Table.Tr key={c.id} c={left ? 'dimmed' : undefined}>
                    <Table.Td>
                      {c.name}
                      {c.nameKana && (
                        <Text size="xs" c="dimmed">
                          {c.nameKana}
                        </Text>
                      )}
                      {left && (
                        <Badge size="xs" color="gray" ml={4}>
                          {t('organizations.contacts.left')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{c.title ?? '—'}</Table.Td>
                    <Table.Td>{c.phone ?? '—'}</Table.Td>
                    <Table.Td>{c.email ?? '—'}</Table.Td>
                    <Table.Td>
                      {c.contactConsent ? t('organizations.yes') : t('organizations.no')}
                      {c.surveyOptOutAt && (
                        <Badge size="xs" color="gray" ml={4}>
                          {t('organizations.contacts.surveyOptedOut')}
                        </Badge>
                      )}
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-xs"
                            variant="light"
                            aria-label={t('organizations.contacts.editNamed', { name: c.name })}
                            onClick={() => setEditing(c)}
                          >
                            {t('organizations.contacts.edit')}
                          </Button>
                          {!left && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="gray"
                              aria-label={t('organizations.contacts.markLeftNamed', {
                                name: c.name,
                              })}
                              loading={save.isPending && save.variables?.id === c.id}
                              onClick={() =>
                                save.mutate({
                                  id: c.id,
                                  body: { active: false, version: c.version },
                                })
                              }
                            >
                              {t('organizations.contacts.markLeft')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing !== undefined && (
        <ContactModal
          organizationId={organizationId}
          contact={editing}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Card>
  );
}
