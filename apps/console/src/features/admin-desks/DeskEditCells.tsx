import { CHANNELS } from '@madoguchi/domain';
import { Group, NumberInput, Select, Table, Text, TextInput } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Desk } from './api/use-desk-settings';

const MODES = ['off', 'round_robin', 'least_open'] as const;
type Mode = (typeof MODES)[number];
type Channel = (typeof CHANNELS)[number];

/** A desk's settings as its row edits them. */
export interface DeskSettings {
  openTime: string;
  closeTime: string;
  mode: Mode;
  days: number | string;
  channel: Channel;
}

export const settingsOf = (desk: Desk): DeskSettings => ({
  openTime: desk.openTime,
  closeTime: desk.closeTime,
  mode: desk.assignmentMode,
  days: desk.transferAcceptBusinessDays,
  channel: desk.defaultChannel,
});

/** The editing row's cells: hours, assignment, transfer deadline and default channel. */
export function DeskEditCells({
  name,
  values,
  set,
  errors,
  onKeyDown,
}: {
  /** The desk's name, in each field's label. */
  name: string;
  values: DeskSettings;
  set: (patch: Partial<DeskSettings>) => void;
  errors: Record<string, string>;
  /** Enter saves, Escape cancels. */
  onKeyDown: (e: KeyboardEvent) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Td>
        <Group gap={4} wrap="nowrap" align="flex-start">
          <TextInput
            type="time"
            aria-label={t('adminRouting.desks.openTimeOf', { desk: name })}
            value={values.openTime}
            onChange={(e) => set({ openTime: e.currentTarget.value })}
            onKeyDown={onKeyDown}
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
            value={values.closeTime}
            onChange={(e) => set({ closeTime: e.currentTarget.value })}
            onKeyDown={onKeyDown}
            error={errors.closeTime}
            w={140}
          />
        </Group>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('adminRouting.desks.assignmentOf', { desk: name })}
          data={MODES.map((m) => ({ value: m, label: t(`adminRouting.desks.modes.${m}`) }))}
          value={values.mode}
          onChange={(v) => v && set({ mode: v as Mode })}
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
          value={values.days}
          onChange={(v) => set({ days: v })}
          onKeyDown={onKeyDown}
          error={errors.transferAcceptBusinessDays}
          w={100}
        />
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('adminRouting.desks.defaultChannelOf', { desk: name })}
          data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
          value={values.channel}
          onChange={(v) => v && set({ channel: v as Channel })}
          allowDeselect={false}
          error={errors.defaultChannel}
          w={150}
        />
      </Table.Td>
    </>
  );
}
