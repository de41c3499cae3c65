import { Button, Group, Kbd, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { DraftRestoredNotice, LeaveDraftModal } from '../../components/DraftNotices';
import { ErrorAlert } from '../../components/ErrorAlert';
import { COUNTER_ORDER, LengthCounter } from '../../components/LengthCounter';
import { formatDateTime } from '../../lib/format-date';
import type { PossibleDuplicate } from '../organizations/api/organization-types';
import type { Organization } from '../organizations/api/use-organizations';
import { DESCRIPTION_MAX, SUBJECT_MAX } from './case-limits';
import { IntakeChannelFields } from './IntakeChannelFields';
import { IntakeContactFields } from './IntakeContactFields';
import { IntakeDeskSelect } from './IntakeDeskSelect';
import { IntakeOrganizationSection } from './IntakeOrganizationSection';
import { CallTimerControl, ShortcutHelp } from './IntakeParts';
import { IntakeSavedNotice } from './IntakeSavedNotice';
import { IntakeTopicsField } from './IntakeTopicsField';
import { useIntakeForm } from './use-intake-form';
import { type SavedState, useIntakeSave } from './use-intake-save';

/**
 * The intake route: each navigation to /intake (the global key, "save and new") is a new
 * location, so the page is mounted afresh and starts a new form.
 */
export function IntakeScreen() {
  const location = useLocation();
  return <IntakePage key={location.key} />;
}

/**
 * Built for the phone: focus starts in the organization search, everything is reachable by
 * keyboard, Ctrl+Enter saves, and a likely duplicate is flagged before a new organization is made.
 * What is typed is kept as a draft per user until it is saved, and leaving asks first.
 */
export function IntakePage() {
  const { t, i18n } = useTranslation();
  const justSaved = (useLocation().state as SavedState | null)?.saved;
  const [help, setHelp] = useState(false);
  const state = useIntakeForm();
  const { form, set, picked, contacts } = state;
  const save = useIntakeSave(state);
  const { errors, desk } = save;
  const pick = (organization: Organization | PossibleDuplicate) => {
    state.pick(organization);
    save.resetCandidates();
  };

  // Saving must work while typing, so inputs are not ignored.
  useHotkeys(
    [
      ['ctrl+Enter', () => save.submit(false)],
      ['ctrl+shift+Enter', () => save.submit(true)],
      ['alt+T', state.toggleCallTimer],
    ],
    [],
  );
  useHotkeys([['shift+?', () => setHelp(true)]]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.submit(false);
  };

  return (
    <Paper component="form" onSubmit={onSubmit} noValidate p="md" withBorder maw={900}>
      <Stack>
        <Group justify="space-between">
          <Title order={2}>{t('cases.intake')}</Title>
          {form.channel === 'phone' && (
            <CallTimerControl timer={form.timer} onToggle={state.toggleCallTimer} />
          )}
        </Group>
        {justSaved && <IntakeSavedNotice saved={justSaved} />}
        {state.restoredAt !== null && (
          <DraftRestoredNotice
            testId="draft-restored"
            message={t('cases.draftRestored', {
              at: formatDateTime(new Date(state.restoredAt), i18n.language),
            })}
            discardLabel={t('cases.draftDiscard')}
            onDiscard={state.discardRestored}
          />
        )}
        {save.intake.error && !save.duplicateConflict && Object.keys(errors).length === 0 && (
          <ErrorAlert error={save.intake.error} />
        )}
        <IntakeOrganizationSection
          state={state}
          onPick={pick}
          errors={errors}
          unpicked={save.unpicked}
          candidates={save.candidates}
          overrideMissing={save.overrideMissing}
          onOverrideReasonTyped={save.clearOverrideMissing}
        />
        <IntakeContactFields
          contacts={picked ? (contacts.data?.items ?? []) : []}
          contactId={form.contactId}
          onContactIdChange={(v) => set('contactId', v)}
          contact={form.contact}
          onContactChange={(v) => set('contact', v)}
          errors={errors}
        />
        <IntakeChannelFields state={state} receivedAtError={errors.receivedAt} />
        {desk.picksDesk && <IntakeDeskSelect desk={desk} error={errors.deskId} />}
        <IntakeTopicsField
          value={form.topics}
          onChange={(v) => set('topics', v)}
          error={errors.topics}
        />
        <TextInput
          label={t('cases.subject')}
          required
          value={form.subject}
          onChange={(e) => set('subject', e.currentTarget.value)}
          error={errors.subject}
          description={<LengthCounter value={form.subject} max={SUBJECT_MAX} />}
          inputWrapperOrder={COUNTER_ORDER}
        />
        <Textarea
          label={t('cases.description')}
          autosize
          minRows={3}
          value={form.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
          description={<LengthCounter value={form.description} max={DESCRIPTION_MAX} />}
          inputWrapperOrder={COUNTER_ORDER}
        />
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => setHelp(true)}>
            <Kbd>?</Kbd>&nbsp;{t('cases.shortcuts')}
          </Button>
          <Group gap="xs">
            <Button
              variant="default"
              loading={save.busy && save.savingAndNew}
              onClick={() => save.submit(true)}
            >
              {t('cases.saveAndNew')}
            </Button>
            <Button type="submit" loading={save.busy && !save.savingAndNew}>
              {t('cases.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
      <ShortcutHelp opened={help} onClose={() => setHelp(false)} />
      <LeaveDraftModal
        guard={state.guard}
        texts={{
          title: t('cases.leave.title'),
          body: t('cases.leave.body'),
          discard: t('cases.leave.discard'),
          keepDraft: t('cases.leave.keepDraft'),
          stay: t('cases.leave.stay'),
        }}
      />
    </Paper>
  );
}
