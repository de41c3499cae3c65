import { Badge, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { useAddClosure, useClosures, useRemoveClosure } from './api/use-desk-settings';
import { formatCalendarDate, todayInTokyo } from './calendar-date';
import { ConsoleForm } from '../../components/ConsoleForm';

/** A desk's own closures (holidays and the New Year break are closed without listing them). */
export function ClosuresModal({
  deskId,
  deskName,
  onClose,
}: {
  deskId: string;
  deskName: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const closures = useClosures(deskId);
  const add = useAddClosure(deskId);
  const remove = useRemoveClosure(deskId);
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const errors = fieldErrors(add.error);
  const today = todayInTokyo();
  const list = closures.data ?? [];
  const replaces = list.some((c) => c.date === date);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { date, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          setDate('');
          setReason('');
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('adminRouting.closures.title', { desk: deskName })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('adminRouting.closures.hint')}
        </Text>
        <ErrorAlert error={closures.error ?? remove.error} />
        {list.length === 0 ? (
          <Text size="sm">{t('adminRouting.closures.none')}</Text>
        ) : (
          <Table aria-label={t('adminRouting.closures.list', { desk: deskName })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('adminRouting.closures.date')}</Table.Th>
                <Table.Th>{t('adminRouting.closures.reason')}</Table.Th>
                <Table.Th>{t('adminRouting.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((closure) => {
                const label = formatCalendarDate(closure.date, i18n.language);
                return (
                  <Table.Tr key={closure.date}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm">{label}</Text>
                        {closure.date < today && (
                          <Badge variant="outline" color="gray.7" size="xs">
                            {t('adminRouting.closures.past')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{closure.reason || '—'}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="outline"
                        color="red.9"
                        aria-label={t('adminRouting.closures.removeOf', { date: label })}
                        loading={remove.isPending && remove.variables === closure.date}
                        onClick={() => remove.mutate(closure.date)}
                      >
                        {t('adminRouting.delete')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <Stack component={ConsoleForm} gap="xs" onSubmit={submit}>
          <Group align="flex-start" wrap="wrap">
            <TextInput
              type="date"
              label={t('adminRouting.closures.date')}
              required
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={errors.date}
              w={170}
            />
            <TextInput
              label={t('adminRouting.closures.reason')}
              maxLength={200}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
              style={{ flex: 1 }}
              miw={180}
            />
          </Group>
          {replaces && (
            <Text size="sm" c="yellow.9">
              {t('adminRouting.closures.replaces')}
            </Text>
          )}
          {add.error && Object.keys(errors).length === 0 && <ErrorAlert error={add.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending}>
              {t('adminRouting.closures.add')}
            </Button>
          </Group>
        </Stack>
      </Stack>
    </Modal>
  );
}
