import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { useAttemptErrors } from '../../lib/attempt-errors';
import { fieldErrors, missingRequired } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import { useDebouncedValue } from '@mantine/hooks';
import {
  type User,
  type UserFilters,
  useCreateUser,
  useUpdateUser,
  useUsers,
} from './api/use-users';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFilterBar } from './UserFilterBar';
import { useDeskName, useDeskOptions } from '../cases/api/use-transfers';
import { ConsoleForm } from '../../components/ConsoleForm';

const ROLES = ['operator', 'desk_staff', 'expert', 'manager', 'admin'] as const;

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

function CreateUserModal(props: {
  opened: boolean;
  onClose: () => void;
  onCreated: (email: string, password: string) => void;
}) {
  const { t } = useTranslation();
  const deskOptions = useDeskOptions();
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('operator');
  const [deskId, setDeskId] = useState<string | null>('national');
  const { attempt, shown } = useAttemptErrors({ email, displayName });
  const errors = shown(fieldErrors(create.error));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = missingRequired({ email, displayName });
    create.reset();
    attempt(missing);
    if (Object.keys(missing).length > 0) {
      return;
    }
    create.mutate(
      { email, displayName, role, deskId },
      { onSuccess: (r) => props.onCreated(r.user.email, r.temporaryPassword) },
    );
  };
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('users.create')}
    >
      <Stack component={ConsoleForm} onSubmit={submit}>
        {create.error && Object.keys(errors).length === 0 && <ErrorAlert error={create.error} />}
        <TextInput
          label={t('users.email')}
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
        />
        <TextInput
          label={t('users.displayName')}
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={errors.displayName}
        />
        <Select
          label={t('users.role')}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={(v) => v && setRole(v as (typeof ROLES)[number])}
          allowDeselect={false}
          error={errors.role}
        />
        <Select
          label={t('users.desk')}
          data={deskOptions}
          value={deskId}
          onChange={setDeskId}
          clearable
          error={errors.deskId}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('users.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('users.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function EditUserModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const deskOptions = useDeskOptions();
  const update = useUpdateUser();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState(user.role);
  const [deskId, setDeskId] = useState<string | null>(user.deskId);
  const [active, setActive] = useState(user.active);
  const errors = fieldErrors(update.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { id: user.id, body: { displayName, role, deskId, active, version: user.version } },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={`${t('users.edit')}: ${user.email}`}
    >
      <Stack component={ConsoleForm} onSubmit={submit}>
        {update.error && Object.keys(errors).length === 0 && <ErrorAlert error={update.error} />}
        <TextInput
          label={t('users.displayName')}
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={errors.displayName}
        />
        <Select
          label={t('users.role')}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={(v) => v && setRole(v as User['role'])}
          allowDeselect={false}
        />
        <Select
          label={t('users.desk')}
          data={deskOptions}
          value={deskId}
          onChange={setDeskId}
          clearable
          error={errors.deskId}
        />
        <Switch
          label={t('users.active')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('users.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('users.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
