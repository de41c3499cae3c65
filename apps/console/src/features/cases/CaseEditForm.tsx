import {
  Alert,
  Button,
  Card,
  Group,
  MultiSelect,
  Stack,
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
import { CallFields } from './CallFields';
import { EditConflictAlert } from './EditConflictAlert';
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
  return (
    <Card
      withBorder
      component={ConsoleForm}
      data-testid="case-edit"
      onSubmit={(e: FormEvent) => (e.preventDefault(), save(mine, base.version))}
    >
      <Stack>
        {showConflict && (
          <EditConflictAlert
            rows={rows}
            choices={choices}
            onChoose={(field, side) => setChoices((c) => ({ ...c, [field]: side }))}
            pending={update.isPending}
            onMerge={() => save(mergeEdits(editOf(value), mine, rows, choices), value.version)}
            onDiscard={() => {
              setConflict(false);
              setBase(value);
              setDraft(editOf(value));
              setDurationText(formatDuration(value.callDurationSeconds));
            }}
          />
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
          <CallFields
            durationText={durationText}
            onDurationText={setDurationText}
            invalid={parsedDuration === undefined}
            error={errors.callDurationSeconds}
            direction={draft.callDirection}
            onDirection={(v) => set('callDirection', v)}
          />
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
