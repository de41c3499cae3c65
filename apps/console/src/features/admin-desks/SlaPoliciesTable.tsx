import { CHANNELS } from '@madoguchi/domain';
import { Button, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { fieldErrors } from '../../lib/field-errors';
import { type SlaPolicy, useSlaPolicies, useUpdateSlaPolicy } from './api/use-desk-settings';

/** Target per channel, edited in place, one row at a time. */
export function SlaPoliciesTable() {
  const { t } = useTranslation();
  const policies = useSlaPolicies();
  if (policies.isPending) {
    return <PageLoader />;
  }
  const order = (p: SlaPolicy) => CHANNELS.indexOf(p.channel);
  const rows = [...(policies.data ?? [])].sort((a, b) => order(a) - order(b));
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('adminRouting.sla.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('adminRouting.sla.hint')}
      </Text>
      <ErrorAlert error={policies.error} />
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label={t('adminRouting.sla.list')} verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('adminRouting.sla.channel')}</Table.Th>
              <Table.Th>{t('adminRouting.sla.firstResponse')}</Table.Th>
              <Table.Th>{t('adminRouting.sla.resolution')}</Table.Th>
              <Table.Th w={200}>{t('adminRouting.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((policy) => (
              <PolicyRow key={policy.channel} policy={policy} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function PolicyRow({ policy }: { policy: SlaPolicy }) {
  const { t } = useTranslation();
  const save = useUpdateSlaPolicy();
  const [editing, setEditing] = useState(false);
  const [hours, setHours] = useState<number | string>('');
  const [days, setDays] = useState<number | string>('');
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const channel = t(`cases.channels.${policy.channel}`);
  const errors = fieldErrors(save.error);

  // Back from editing, the keyboard user lands on the button that started it.
  useEffect(() => {
    if (wasEditing.current && !editing) {
      editButton.current?.focus();
    }
    wasEditing.current = editing;
  }, [editing]);

  const start = () => {
    setHours(policy.firstResponseBusinessHours ?? '');
    setDays(policy.resolutionBusinessDays);
    save.reset();
    setEditing(true);
  };
  const submit = () =>
    save.mutate(
      {
        channel: policy.channel,
        body: {
          // Empty means the channel is answered on contact, which the API spells null.
          firstResponseBusinessHours: hours === '' ? null : Number(hours),
          // An emptied field sends 0, so the server's range message shows under it.
          resolutionBusinessDays: Number(days),
        },
      },
      { onSuccess: () => setEditing(false) },
    );
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape') {
      setEditing(false);
    }
  };

  if (!editing) {
    return (
      <Table.Tr>
        <Table.Th scope="row" fw={500}>
          {channel}
        </Table.Th>
        <Table.Td>
          {policy.firstResponseBusinessHours === null
            ? t('adminRouting.sla.onContact')
            : t('adminRouting.sla.hours', { count: policy.firstResponseBusinessHours })}
        </Table.Td>
        <Table.Td>{t('adminRouting.sla.days', { count: policy.resolutionBusinessDays })}</Table.Td>
        <Table.Td>
          <Button
            ref={editButton}
            size="compact-sm"
            variant="default"
            aria-label={t('adminRouting.sla.editOf', { channel })}
            onClick={start}
          >
            {t('adminRouting.edit')}
          </Button>
        </Table.Td>
      </Table.Tr>
    );
  }
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {channel}
      </Table.Th>
      <Table.Td>
        <NumberInput
          aria-label={t('adminRouting.sla.firstResponseOf', { channel })}
          placeholder={t('adminRouting.sla.onContact')}
          // The server checks the range and says so under the field.
          clampBehavior="none"
          allowNegative={false}
          decimalScale={2}
          min={0.25}
          max={1000}
          w={170}
          value={hours}
          onChange={setHours}
          onKeyDown={keys}
          error={errors.firstResponseBusinessHours}
          autoFocus
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={t('adminRouting.sla.resolutionOf', { channel })}
          clampBehavior="none"
          allowNegative={false}
          allowDecimal={false}
          min={1}
          max={365}
          w={120}
          value={days}
          onChange={setDays}
          onKeyDown={keys}
          error={errors.resolutionBusinessDays}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-sm" loading={save.isPending} onClick={submit}>
            {t('adminRouting.save')}
          </Button>
          <Button size="compact-sm" variant="default" onClick={() => setEditing(false)}>
            {t('adminRouting.cancel')}
          </Button>
        </Group>
        {save.error && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
      </Table.Td>
    </Table.Tr>
  );
}
