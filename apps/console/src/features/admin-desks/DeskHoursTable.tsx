import { CHANNELS, PREFECTURES } from '@madoguchi/domain';
import {
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { fieldErrors } from '../../lib/field-errors';
import { type Desk, useDesks, useUpdateDesk } from './api/use-desk-settings';
import { ClosuresModal } from './ClosuresModal';

const MODES = ['off', 'round_robin', 'least_open'] as const;
type Mode = (typeof MODES)[number];
type Channel = (typeof CHANNELS)[number];

/** Each desk's hours, auto-assignment and transfer deadline, edited in place; closures per desk. */
export function DeskHoursTable() {
  const { t, i18n } = useTranslation();
  const desks = useDesks();
  const [closuresOf, setClosuresOf] = useState<Desk | null>(null);
  if (desks.isPending) {
    return <PageLoader />;
  }
  const nameOf = (desk: Desk) => (i18n.language === 'en' ? desk.nameEn : desk.nameJa);
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('adminRouting.desks.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('adminRouting.desks.hint')}
      </Text>
      <ErrorAlert error={desks.error} />
      <Table.ScrollContainer minWidth={1050}>
        <Table aria-label={t('adminRouting.desks.list')} verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('adminRouting.desks.desk')}</Table.Th>
              <Table.Th>{t('adminRouting.desks.hours')}</Table.Th>
              <Table.Th>{t('adminRouting.desks.assignment')}</Table.Th>
              <Table.Th>{t('adminRouting.desks.acceptDays')}</Table.Th>
              <Table.Th>{t('adminRouting.desks.defaultChannel')}</Table.Th>
              <Table.Th w={260}>{t('adminRouting.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(desks.data ?? [])
              .filter((d) => d.active)
              .map((desk) => (
                <DeskRow
                  key={desk.id}
                  desk={desk}
                  name={nameOf(desk)}
                  onClosures={() => setClosuresOf(desk)}
                />
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {closuresOf && (
        <ClosuresModal
          deskId={closuresOf.id}
          deskName={nameOf(closuresOf)}
          onClose={() => setClosuresOf(null)}
        />
      )}
    </Stack>
  );
}

function Coverage({ desk }: { desk: Desk }) {
  const { t, i18n } = useTranslation();
  if (desk.kind === 'national') {
    return (
      <Badge variant="outline" color="indigo.8" size="sm">
        {t('adminRouting.desks.national')}
      </Badge>
    );
  }
  const names = desk.prefectures.map((code) => {
    const p = PREFECTURES.find((x) => x.code === code);
    return p ? (i18n.language === 'en' ? p.nameEn : p.nameJa) : code;
  });
  return (
    <Text size="xs" c="dimmed" lineClamp={1} maw={260}>
      {names.length > 4
        ? `${names.slice(0, 3).join(t('adminRouting.routing.or'))}${t('adminRouting.routing.more', { count: names.length - 3 })}`
        : names.join(t('adminRouting.routing.or'))}
    </Text>
  );
}

function DeskRow({ desk, name, onClosures }: { desk: Desk; name: string; onClosures: () => void }) {
  const { t } = useTranslation();
  const save = useUpdateDesk();
  const [editing, setEditing] = useState(false);
  const [openTime, setOpenTime] = useState(desk.openTime);
  const [closeTime, setCloseTime] = useState(desk.closeTime);
  const [mode, setMode] = useState<Mode>(desk.assignmentMode);
  const [days, setDays] = useState<number | string>(desk.transferAcceptBusinessDays);
  const [channel, setChannel] = useState<Channel>(desk.defaultChannel);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const errors = fieldErrors(save.error);

  useEffect(() => {
    if (wasEditing.current && !editing) {
      editButton.current?.focus();
    }
    wasEditing.current = editing;
  }, [editing]);

  const start = () => {
    setOpenTime(desk.openTime);
    setCloseTime(desk.closeTime);
    setMode(desk.assignmentMode);
    setDays(desk.transferAcceptBusinessDays);
    setChannel(desk.defaultChannel);
    save.reset();
    setEditing(true);
  };
  const submit = () =>
    save.mutate(
      {
        id: desk.id,
        body: {
          openTime,
          closeTime,
          assignmentMode: mode,
          transferAcceptBusinessDays: Number(days),
          defaultChannel: channel,
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

  const deskCell = (
    <Table.Th scope="row" fw={500}>
      <Text size="sm" fw={500}>
        {name}
      </Text>
      <Coverage desk={desk} />
    </Table.Th>
  );
  const closuresButton = (
    <Button
      size="compact-sm"
      variant="subtle"
      aria-label={t('adminRouting.desks.closuresOf', { desk: name })}
      onClick={onClosures}
    >
      {t('adminRouting.desks.closures')}
    </Button>
  );

  if (!editing) {
    return (
      <Table.Tr>
        {deskCell}
        <Table.Td>
          {t('adminRouting.desks.range', { open: desk.openTime, close: desk.closeTime })}
        </Table.Td>
        <Table.Td>{t(`adminRouting.desks.modes.${desk.assignmentMode}`)}</Table.Td>
        <Table.Td>
          {t('adminRouting.desks.days', { count: desk.transferAcceptBusinessDays })}
        </Table.Td>
        <Table.Td>{t(`cases.channels.${desk.defaultChannel}`)}</Table.Td>
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            <Button
              ref={editButton}
              size="compact-sm"
              variant="default"
              aria-label={t('adminRouting.desks.editOf', { desk: name })}
              onClick={start}
            >
              {t('adminRouting.edit')}
            </Button>
            {closuresButton}
          </Group>
        </Table.Td>
      </Table.Tr>
    );
  }
  return (
    <Table.Tr>
      {deskCell}
      <Table.Td>
        <Group gap={4} wrap="nowrap" align="flex-start">
          <TextInput
            type="time"
            aria-label={t('adminRouting.desks.openTimeOf', { desk: name })}
            value={openTime}
            onChange={(e) => setOpenTime(e.currentTarget.value)}
            onKeyDown={keys}
            error={errors.openTime}
            w={140}
            autoFocus
          />
          <Text size="sm" mt={6} aria-hidden>
            〜
          </Text>
          <TextInput
            type="time"
            aria-label={t('adminRouting.desks.closeTimeOf', { desk: name })}
            value={closeTime}
            onChange={(e) => setCloseTime(e.currentTarget.value)}
            onKeyDown={keys}
            error={errors.closeTime}
            w={140}
          />
        </Group>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('adminRouting.desks.assignmentOf', { desk: name })}
          data={MODES.map((m) => ({ value: m, label: t(`adminRouting.desks.modes.${m}`) }))}
          value={mode}
          onChange={(v) => v && setMode(v as Mode)}
          allowDeselect={false}
          error={errors.assignmentMode}
          w={190}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={t('adminRouting.desks.acceptDaysOf', { desk: name })}
          clampBehavior="none"
          allowNegative={false}
          allowDecimal={false}
          min={1}
          max={30}
          value={days}
          onChange={setDays}
          onKeyDown={keys}
          error={errors.transferAcceptBusinessDays}
          w={100}
        />
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('adminRouting.desks.defaultChannelOf', { desk: name })}
          data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
          value={channel}
          onChange={(v) => v && setChannel(v as Channel)}
          allowDeselect={false}
          error={errors.defaultChannel}
          w={150}
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
          {closuresButton}
        </Group>
        {save.error && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
      </Table.Td>
    </Table.Tr>
  );
}
