import { PREFECTURES } from '@madoguchi/domain';
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { type Desk, useUpdateDesk } from './api/use-desk-settings';
import { DeskEditCells, settingsOf } from './DeskEditCells';

/** Where the desk takes cases from: nationwide, or its prefectures (the first few). */
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

/** One desk: its settings as text, or as fields while it is edited; Enter saves, Escape cancels. */
export function DeskRow({
  desk,
  name,
  onClosures,
}: {
  desk: Desk;
  name: string;
  onClosures: () => void;
}) {
  const { t } = useTranslation();
  const save = useUpdateDesk();
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState(() => settingsOf(desk));
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
    setValues(settingsOf(desk));
    save.reset();
    setEditing(true);
  };
  const submit = () =>
    save.mutate(
      {
        id: desk.id,
        body: {
          openTime: values.openTime,
          closeTime: values.closeTime,
          assignmentMode: values.mode,
          transferAcceptBusinessDays: Number(values.days),
          defaultChannel: values.channel,
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
      <DeskEditCells
        name={name}
        values={values}
        set={(patch) => setValues((v) => ({ ...v, ...patch }))}
        errors={errors}
        onKeyDown={keys}
      />
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
