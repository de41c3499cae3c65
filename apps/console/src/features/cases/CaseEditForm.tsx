import {
  Alert,
  Button,
  Card,
  Group,
  MultiSelect,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTER_ORDER, LengthCounter } from '../../components/LengthCounter';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError } from '../../lib/api-client';
import { fieldErrors } from '../../lib/field-errors';
import { toastDone } from '../../lib/toast';
import { type Case, caseKeys, useUpdateCase } from './api/use-cases';
import {
  type CaseEdit,
  compareEdits,
  type EditField,
  formatDuration,
  mergeEdits,
  parseDuration,
} from './merge-edit';
import { DESCRIPTION_MAX, SUBJECT_MAX } from './case-limits';
import { topicOptions } from './topic-options';
import { ConsoleForm } from '../../components/ConsoleForm';

const editOf = (c: Case): CaseEdit => ({
  subject: c.subject,
  description: c.description,
  topics: c.topics,
  callDurationSeconds: c.callDurationSeconds,
  callDirection: c.callDirection,
});

/** A save that never reached the server (or a server that failed): nothing was saved. */
export const notSaved = (error: unknown): boolean =>
  error !== null && (!(error instanceof ApiError) || error.status >= 500);

/**
 * Edits carry the version the user started from, not the latest one fetched in the background:
 * otherwise a refetch would quietly turn someone else's change into a lost update. When someone
 * else saved first (409), each field either side changed is compared (theirs, mine); what only
 * one side changed merges by itself, and a field both changed keeps the user's words until they
 * choose. A save that fails on the network keeps the draft and offers to retry.
 */
export function CaseEditForm({ value }: { value: Case }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateCase(value.id);
  const client = useQueryClient();
  const [base, setBase] = useState(value);
  const [draft, setDraft] = useState<CaseEdit>(() => editOf(value));
  const [durationText, setDurationText] = useState(formatDuration(value.callDurationSeconds));
  const [conflict, setConflict] = useState(false);
  const [choices, setChoices] = useState<Partial<Record<EditField, 'theirs' | 'mine'>>>({});
  const options = useMemo(() => topicOptions(i18n.language !== 'en'), [i18n.language]);
  const errors = fieldErrors(update.error);
  const parsedDuration = parseDuration(durationText);
  const mine: CaseEdit = {
    ...draft,
    callDurationSeconds: parsedDuration === undefined ? draft.callDurationSeconds : parsedDuration,
  };
  const rows = compareEdits(editOf(base), mine, editOf(value));
  const dirty = rows.some((r) => r.take === 'mine');
  const showCall = value.channel === 'phone' || value.callDurationSeconds !== null;

  // An untouched form follows the latest version (pushed when anyone saves); a touched one
  // keeps the user's words. Adjusted while rendering, so the old version is never shown.
  if (!dirty && value.version !== base.version) {
    setBase(value);
    setDraft(editOf(value));
    setDurationText(formatDuration(value.callDurationSeconds));
  }

  const set = <K extends EditField>(field: K, v: CaseEdit[K]) =>
    setDraft((d) => ({ ...d, [field]: v }));

  const save = (edit: CaseEdit, version: number) => {
    if (parsedDuration === undefined) {
      return;
    }
    update.mutate(
      { version, ...edit },
      {
        onSuccess: (updated) => {
          setConflict(false);
          setChoices({});
          setBase(updated);
          setDraft(editOf(updated));
          setDurationText(formatDuration(updated.callDurationSeconds));
          toastDone(t('cases.saved'));
        },
        onError: (error) => {
          if (error instanceof ApiError && error.body.code === 'CASE_VERSION_CONFLICT') {
            setConflict(true);
            void client.invalidateQueries({ queryKey: caseKeys.detail(value.id) });
          }
        },
      },
    );
  };

  const showConflict = conflict && value.version !== base.version;
  const label = (field: EditField) =>
    field === 'callDurationSeconds'
      ? t('cases.callDuration')
      : field === 'callDirection'
        ? t('cases.callDirection')
        : t(`cases.${field}`);
  const show = (field: EditField, v: CaseEdit[EditField]): string =>
    v === null || v === ''
      ? '—'
      : field === 'callDurationSeconds'
        ? formatDuration(v as number)
        : field === 'callDirection'
          ? t(`cases.directions.${v as 'inbound' | 'outbound'}`)
          : Array.isArray(v)
            ? v.join(', ')
            : String(v);

  return (
    <Card
      withBorder
      component={ConsoleForm}
      data-testid="case-edit"
      onSubmit={(e: FormEvent) => (e.preventDefault(), save(mine, base.version))}
    >
      <Stack>
        {showConflict && (
          <Alert
            color="yellow"
            title={t('cases.conflictTitle')}
            role="alert"
            data-testid="conflict"
          >
            <Stack gap="xs">
              <Text size="sm">{t('cases.conflictBody')}</Text>
              <Table withTableBorder layout="fixed" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w="18%">{t('cases.conflictField')}</Table.Th>
                    <Table.Th>{t('cases.conflictTheirs')}</Table.Th>
                    <Table.Th>{t('cases.conflictMine')}</Table.Th>
                    <Table.Th w="24%">{t('cases.conflictResult')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.field} data-collides={row.collides || undefined}>
                      <Table.Td>{label(row.field)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                        {show(row.field, row.theirs)}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                        {show(row.field, row.mine)}
                      </Table.Td>
                      <Table.Td>
                        {row.collides ? (
                          <Radio.Group
                            aria-label={t('cases.conflictChoose', { field: label(row.field) })}
                            value={choices[row.field] ?? row.take}
                            onChange={(v) =>
                              setChoices((c) => ({ ...c, [row.field]: v as 'theirs' | 'mine' }))
                            }
                          >
                            <Group gap="xs">
                              <Radio value="theirs" label={t('cases.conflictTakeTheirs')} />
                              <Radio value="mine" label={t('cases.conflictTakeMine')} />
                            </Group>
                          </Radio.Group>
                        ) : (
                          t(
                            row.take === 'mine'
                              ? 'cases.conflictKeptMine'
                              : 'cases.conflictTookTheirs',
                          )
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Group gap="xs">
                <Button
                  size="xs"
                  loading={update.isPending}
                  onClick={() =>
                    save(mergeEdits(editOf(value), mine, rows, choices), value.version)
                  }
                >
                  {t('cases.mergeSave')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    setConflict(false);
                    setBase(value);
                    setDraft(editOf(value));
                    setDurationText(formatDuration(value.callDurationSeconds));
                  }}
                >
                  {t('cases.discardMine')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {notSaved(update.error) && (
          <Alert color="red" role="alert" data-testid="not-saved" title={t('cases.notSavedTitle')}>
            <Group justify="space-between">
              <Text size="sm">{t('cases.notSavedBody')}</Text>
              <Button
                size="xs"
                loading={update.isPending}
                onClick={() => save(mine, update.variables?.version ?? base.version)}
              >
                {t('cases.retry')}
              </Button>
            </Group>
          </Alert>
        )}
        {update.error &&
          !notSaved(update.error) &&
          !conflict &&
          Object.keys(errors).length === 0 && <ErrorAlert error={update.error} />}
        <TextInput
          label={t('cases.subject')}
          value={draft.subject}
          onChange={(e) => set('subject', e.currentTarget.value)}
          error={errors.subject}
          description={<LengthCounter value={draft.subject} max={SUBJECT_MAX} />}
          inputWrapperOrder={COUNTER_ORDER}
        />
        <MultiSelect
          label={t('cases.topics')}
          searchable
          data={options}
          value={draft.topics}
          onChange={(v) => set('topics', v)}
          error={errors.topics}
        />
        {showCall && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('cases.callDuration')}
              description={t('cases.callDurationHint')}
              inputMode="numeric"
              value={durationText}
              onChange={(e) => setDurationText(e.currentTarget.value)}
              error={
                parsedDuration === undefined
                  ? t('cases.callDurationInvalid')
                  : errors.callDurationSeconds
              }
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="call-direction-label">
                {t('cases.callDirection')}
              </Text>
              <SegmentedControl
                aria-labelledby="call-direction-label"
                value={draft.callDirection ?? ''}
                onChange={(v) => set('callDirection', (v || null) as CaseEdit['callDirection'])}
                data={[
                  { value: '', label: '—' },
                  { value: 'inbound', label: t('cases.directions.inbound') },
                  { value: 'outbound', label: t('cases.directions.outbound') },
                ]}
              />
            </Stack>
          </SimpleGrid>
        )}
        <Textarea
          label={t('cases.description')}
          autosize
          minRows={2}
          value={draft.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
          description={<LengthCounter value={draft.description} max={DESCRIPTION_MAX} />}
          inputWrapperOrder={COUNTER_ORDER}
        />
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={update.isPending}>
            {t('users.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
