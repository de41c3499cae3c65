import { Button, Group, Modal, Select, Stack, Switch, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../components/ConsoleForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAttemptErrors } from '../../lib/attempt-errors';
import { fieldErrors, missingRequired } from '../../lib/field-errors';
import { useDeskOptions } from '../cases/api/use-transfers';
import { type User, useCreateUser, useUpdateUser } from './api/use-users';

const ROLES = ['operator', 'desk_staff', 'expert', 'manager', 'admin'] as const;

/** A new account; the API answers with its temporary password, shown once on the page. */
export function CreateUserModal(props: {
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

/** An account's name, role, desk and whether it may sign in. */
export function EditUserModal({ user, onClose }: { user: User; onClose: () => void }) {
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
