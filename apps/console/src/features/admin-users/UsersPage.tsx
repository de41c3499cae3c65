import { Alert, Badge, Button, Code, Group, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../lib/format-date';
import { useDebouncedValue } from '@mantine/hooks';
import { type User, type UserFilters, useUsers } from './api/use-users';
import { ResetPasswordModal } from './ResetPasswordModal';
import { CreateUserModal, EditUserModal } from './UserFormModals';
import { UserFilterBar } from './UserFilterBar';
import { useDeskName, useDeskOptions } from '../cases/api/use-transfers';

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<UserFilters>({});
  const [q] = useDebouncedValue(filters.q?.trim() ?? '', 200);
  const users = useUsers({ ...filters, q: q || undefined });
  const deskName = useDeskName();
  const deskOptions = useDeskOptions();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [temporary, setTemporary] = useState<{ email: string; password: string } | null>(null);

  if (users.isPending) {
    return <PageLoader />;
  }
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('users.title')}</Title>
        <Button onClick={() => setCreating(true)}>{t('users.create')}</Button>
      </Group>
      <ErrorAlert error={users.error} />
      <UserFilterBar value={filters} desks={deskOptions} onChange={setFilters} />
      {temporary && (
        <Alert
          color="blue"
          title={t('users.temporaryPassword')}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setTemporary(null)}
        >
          {temporary.email}: <Code data-testid="temporary-password">{temporary.password}</Code>
        </Alert>
      )}
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.displayName')}</Table.Th>
            <Table.Th>{t('users.email')}</Table.Th>
            <Table.Th>{t('users.role')}</Table.Th>
            <Table.Th>{t('users.desk')}</Table.Th>
            <Table.Th>{t('users.lastLogin')}</Table.Th>
            <Table.Th>{t('a11y.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data ?? []).map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>
                {user.displayName}{' '}
                {!user.active && <Badge color="gray">{t('users.disabled')}</Badge>}
              </Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
              <Table.Td>{deskName(user.deskId) || '—'}</Table.Td>
              <Table.Td>
                {user.lastLoginAt
                  ? formatDateTime(user.lastLoginAt, i18n.language)
                  : t('users.never')}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => setEditing(user)}>
                    {t('users.edit')}
                  </Button>
                  <Button size="xs" variant="subtle" onClick={() => setResetting(user)}>
                    {t('users.resetPassword')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <CreateUserModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(email, password) => {
          setCreating(false);
          setTemporary({ email, password });
        }}
      />
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} />}
      {resetting && (
        <ResetPasswordModal
          user={resetting}
          onClose={() => setResetting(null)}
          onReset={(email, password) => {
            setResetting(null);
            setTemporary({ email, password });
          }}
        />
      )}
    </Stack>
  );
}
