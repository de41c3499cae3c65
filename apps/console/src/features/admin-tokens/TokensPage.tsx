import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import { type TokenScope, TokenScopeBadges, TokenScopesField } from './TokenScopes';
import { useDeskName, useDeskOptions } from '../cases/api/use-transfers';
import { type CreateApiToken, useCreateToken, useRevokeToken, useTokens } from './api/use-tokens';
import { ConsoleForm } from '../../components/ConsoleForm';

type Role = CreateApiToken['role'];
const ROLES: Role[] = ['operator', 'desk_staff', 'expert', 'manager', 'admin'];

export function TokensPage() {
  const { t, i18n } = useTranslation();
  const deskName = useDeskName();
  const deskOptions = useDeskOptions();
  const tokens = useTokens();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('manager');
  const [deskId, setDeskId] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [shown, setShown] = useState<string | null>(null);
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, role, scopes, ...(deskId ? { deskId } : {}) },
      {
        onSuccess: (created) => {
          setShown(created.token);
          setName('');
        },
      },
    );
  };

  return (
    <Stack>
      <Title order={2}>{t('tokens.title')}</Title>
      {shown && (
        <Alert
          color="blue"
          title={t('tokens.shownOnce')}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setShown(null)}
        >
          <Code block>{shown}</Code>
        </Alert>
      )}
      <ErrorAlert error={tokens.error ?? revoke.error} />
      <Group component={ConsoleForm} onSubmit={submit} align="flex-end">
        <TextInput
          label={t('tokens.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <Select
          label={t('tokens.role')}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={(v) => v && setRole(v as Role)}
          allowDeselect={false}
        />
        <Select
          label={t('tokens.desk')}
          data={deskOptions}
          value={deskId || null}
          onChange={(v) => setDeskId(v ?? '')}
          clearable
          error={errors.deskId}
        />
        <TokenScopesField value={scopes} onChange={setScopes} error={errors.scopes} />
        <Button type="submit" loading={create.isPending}>
          {t('tokens.create')}
        </Button>
      </Group>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('tokens.name')}</Table.Th>
            <Table.Th>{t('tokens.role')}</Table.Th>
            <Table.Th>{t('tokens.scopes')}</Table.Th>
            <Table.Th>{t('tokens.created')}</Table.Th>
            <Table.Th>{t('tokens.lastUsed')}</Table.Th>
            <Table.Th>{t('a11y.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(tokens.data ?? []).map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td>
                {token.name} <Code>{token.prefix}…</Code>
              </Table.Td>
              <Table.Td>
                {t(`roles.${token.role}`)}
                {token.deskId ? ` · ${deskName(token.deskId)}` : ''}
              </Table.Td>
              <Table.Td>
                <TokenScopeBadges scopes={token.scopes} />
              </Table.Td>
              <Table.Td>{formatDateTime(token.createdAt, i18n.language)}</Table.Td>
              <Table.Td>
                {token.lastUsedAt ? formatDateTime(token.lastUsedAt, i18n.language) : '—'}
              </Table.Td>
              <Table.Td>
                {token.revokedAt ? (
                  <Badge color="gray">{t('tokens.revoked')}</Badge>
                ) : (
                  <Button
                    size="xs"
                    color="red.9"
                    variant="outline"
                    onClick={() => revoke.mutate(token.id)}
                  >
                    {t('tokens.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
