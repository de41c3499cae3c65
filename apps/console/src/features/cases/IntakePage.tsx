import { CHANNELS, normalizeCorporateNumber, TOPIC_CATEGORIES, TOPICS } from '@madoguchi/domain';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Kbd,
  List,
  Modal,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { COUNTER_ORDER, LengthCounter } from '../../components/LengthCounter';
import { DraftRestoredNotice, LeaveDraftModal } from '../../components/DraftNotices';
import { useAttemptErrors } from '../../lib/attempt-errors';
import { readDraft } from '../../lib/draft-storage';
import { useDraftGuard } from '../../lib/use-draft-guard';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import { useNow } from '../../lib/use-now';
import { useSession } from '../../lib/session';
import {
  type IntakeOrganization,
  type PossibleDuplicate,
  possibleDuplicates,
} from '../organizations/api/organization-types';
import {
  type DuplicateCandidate,
  fetchDuplicates,
  type Organization,
  useContacts,
  useDuplicateCandidates,
} from '../organizations/api/use-organizations';
import { type Intake, useIntake } from './api/use-cases';
import { type Desk, useDesks } from './api/use-transfers';
import {
  type CallTimer,
  formatTimer,
  startTimer,
  STOPPED,
  timerSeconds,
  toggleTimer,
} from './call-timer';
import { CorporateNumberField, validCorporateNumber } from './CorporateNumberField';
import {
  type Channel,
  draftKey,
  emptyIntake,
  type IntakeForm,
  isDirty,
  NEW_ORGANIZATION as NEW,
  parseDraft,
  serializeDraft,
  tokyoLocalToIso,
  tokyoNowLocal,
} from './intake-draft';
import { DESCRIPTION_MAX, SUBJECT_MAX } from './case-limits';
import { NewOrganizationPanel } from './NewOrganizationPanel';
import { OrganizationSummary } from './OrganizationSummary';
import { OrganizationTypeahead } from './OrganizationTypeahead';

const DESK_KEY = 'madoguchi.intake.desk';
/** The routing rules choose the desk: the default, and what most calls want. */
const AUTO = '__auto__';
/** Inquiries that arrive on their own and wait to be logged: their SLA runs from arrival. */
const ARRIVES_EARLIER: readonly Channel[] = ['email', 'web'];

const asPossible = (c: DuplicateCandidate): PossibleDuplicate => ({
  id: c.organization.id,
  name: c.organization.name,
  prefectureCode: c.organization.prefectureCode,
  corporateNumber: c.organization.corporateNumber,
  matchedOn: c.reasons,
});

const numberOrUndefined = (value: number | string): number | undefined =>
  typeof value === 'number' ? value : undefined;

/** A fresh intake starts from the desk's channel, with the call timer running for a call. */
const freshIntake = (channel: Channel): IntakeForm => ({
  ...emptyIntake(channel, crypto.randomUUID()),
  timer: channel === 'phone' ? startTimer(STOPPED, Date.now()) : STOPPED,
});

interface SavedState {
  saved?: { id: string; number: string };
}

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
  const ja = i18n.language === 'ja';
  const navigate = useNavigate();
  const location = useLocation();
  const justSaved = (location.state as SavedState | null)?.saved;
  const intake = useIntake();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const storageKey = draftKey(user?.id ?? 'anonymous');
  const [help, setHelp] = useState(false);

  const desks = useDesks();
  const deskChannel = (list: Desk[] | undefined): Channel | undefined =>
    list?.find((d) => d.id === user?.deskId)?.defaultChannel;

  // A draft left by a reload or a crashed tab comes back; otherwise a fresh form from the
  // desk's channel (known at once when the desks are cached, else once they arrive).
  const [initial] = useState((): { form: IntakeForm; restoredAt: number | null } => {
    const draft = readDraft(localStorage, storageKey, parseDraft);
    return draft
      ? { form: draft.form, restoredAt: draft.savedAt }
      : {
          form: freshIntake(deskChannel(queryClient.getQueryData<Desk[]>(['desks'])) ?? 'phone'),
          restoredAt: null,
        };
  });
  const [restoredAt, setRestoredAt] = useState(initial.restoredAt);
  const [form, setForm] = useState<IntakeForm>(initial.form);
  const set = useCallback(
    <K extends keyof IntakeForm>(key: K, value: IntakeForm[K]) =>
      setForm((f) => ({ ...f, [key]: value })),
    [],
  );

  // Follows the desk's channel once the desks arrive, until the user picks a channel or starts
  // typing. Adjusted while rendering rather than in an effect, so the wrong channel never shows.
  const defaultChannel = deskChannel(desks.data);
  const [followedChannel, setFollowedChannel] = useState(defaultChannel);
  if (defaultChannel && followedChannel !== defaultChannel) {
    setFollowedChannel(defaultChannel);
    setForm((f) =>
      f.channelChosen || isDirty(f) || f.channel === defaultChannel
        ? f
        : { ...f, channel: defaultChannel, timer: freshIntake(defaultChannel).timer },
    );
  }

  const chooseChannel = (channel: Channel) =>
    setForm((f) => ({
      ...f,
      channel,
      channelChosen: true,
      // Switching to a call that never started its timer starts it now.
      timer:
        channel === 'phone' && f.timer.runningSince === null && f.timer.countedMs === 0
          ? startTimer(f.timer, Date.now())
          : f.timer,
    }));
  const toggleCallTimer = useCallback(
    () => setForm((f) => ({ ...f, timer: toggleTimer(f.timer, Date.now()) })),
    [],
  );

  // The draft follows every change (a clean form leaves none behind) and leaving asks first.
  const guard = useDraftGuard(storageKey, isDirty(form) ? form : null, serializeDraft);

  // Candidates found at save time (the check before sending, or the API's 409).
  const [savedCandidates, setSavedCandidates] = useState<PossibleDuplicate[]>([]);
  const [overrideMissing, setOverrideMissing] = useState(false);
  // Saved with typed text that was never picked: the panel opened instead of a silent create.
  const [unpicked, setUnpicked] = useState(false);
  const [checking, setChecking] = useState(false);
  // Regional staff always log to their own desk (the API keeps it there), so only the center
  // and admins get to pick one.
  const picksDesk = user?.role === 'operator' || user?.role === 'admin';
  const [deskId, setDeskId] = useState<string>(() => localStorage.getItem(DESK_KEY) ?? AUTO);
  const activeDesks = (desks.data ?? []).filter((d) => d.active);
  // A remembered desk that has since been closed down falls back to the rules; until the desks
  // have loaded, the remembered one stands (a fast Ctrl+Enter must not silently drop it).
  const chosenDesk = !picksDesk
    ? AUTO
    : !desks.data || activeDesks.some((d) => d.id === deskId)
      ? deskId
      : AUTO;

  const { organizationId, newOrg, contact } = form;
  const { attempt, shown } = useAttemptErrors({
    'organization.id': organizationId,
    ...Object.fromEntries(Object.entries(newOrg).map(([k, v]) => [`organization.${k}`, v])),
    'organization.name': organizationId === NEW ? newOrg.name : form.search,
    'contact.name': contact.name,
    'contact.phone': contact.phone,
    'contact.email': contact.email,
    receivedAt: form.receivedAt,
    topics: form.topics,
    subject: form.subject,
    description: form.description,
  });
  const creating = organizationId === NEW;
  const picked = organizationId && !creating ? organizationId : null;
  const contacts = useContacts(picked);
  const validNumber = validCorporateNumber(form.corporateNumber);
  const duplicateQuery = {
    name: newOrg.name,
    phone: newOrg.phone,
    email: contact.email,
    corporateNumber: validNumber ?? undefined,
  };
  const duplicates = useDuplicateCandidates(creating ? duplicateQuery : {});
  const candidates = [
    ...savedCandidates,
    ...(creating ? (duplicates.data ?? []).map(asPossible) : []).filter(
      (c) => !savedCandidates.some((s) => s.id === c.id),
    ),
  ];

  // An organization's only contact is most likely the caller: preselected, once per pick.
  const [preselectedFor, setPreselectedFor] = useState<string | null>(null);
  if (picked && contacts.data && preselectedFor !== picked) {
    setPreselectedFor(picked);
    const only = contacts.data.items.length === 1 ? contacts.data.items[0] : undefined;
    if (only?.active && !form.contactId && !contact.name.trim()) {
      set('contactId', only.id);
    }
  }

  const pick = useCallback((organization: { id: string; name: string }) => {
    setForm((f) => ({
      ...f,
      organizationId: organization.id,
      search: organization.name,
      contactId: null,
      overrideReason: '',
    }));
    setSavedCandidates([]);
    setOverrideMissing(false);
    setUnpicked(false);
  }, []);
  const onCorporateNumberFound = useCallback((o: Organization) => pick(o), [pick]);
  const onCorporateNumberNew = useCallback(() => {
    // A number nobody has yet is a new organization, unless the caller's one is already picked.
    // Digits typed in the search are that number, not the organization's name.
    setForm((f) => ({
      ...f,
      organizationId: f.organizationId ?? NEW,
      newOrg: {
        ...f.newOrg,
        name: f.newOrg.name || (normalizeCorporateNumber(f.search) ? '' : f.search.trim()),
      },
    }));
  }, []);
  const lookUpCorporateNumber = (corporateNumber: string) =>
    setForm((f) => ({ ...f, corporateNumber, search: '' }));

  const [topicSearch, setTopicSearch] = useState('');
  const topicOptions = useMemo(
    () =>
      TOPIC_CATEGORIES.map((category) => ({
        group: ja ? category.labelJa : category.labelEn,
        items: TOPICS.filter((topic) => topic.parent === category.code).map((topic) => ({
          value: topic.code,
          label: `${topic.code} ${ja ? topic.labelJa : topic.labelEn}`,
        })),
      })),
    [ja],
  );
  // As the MultiSelect filters (by label, picked ones hidden): when one topic is left, it is
  // highlighted so that Enter takes it without the arrow keys.
  const topicMatches = topicOptions
    .flatMap((g) => g.items)
    .filter(
      (o) =>
        !form.topics.includes(o.value) &&
        o.label.toLowerCase().includes(topicSearch.toLowerCase().trim()),
    );
  const onlyTopic = topicSearch.trim() !== '' && topicMatches.length === 1;

  // Which button saved, for its spinner.
  const [savingAndNew, setSavingAndNew] = useState(false);
  const submit = (saveAndNew: boolean) => {
    if (intake.isPending || checking) {
      return;
    }
    setSavingAndNew(saveAndNew);
    const typed = form.search.trim();
    // The console's own required checks, in place of the browser's bubbles (the form is
    // noValidate): named next to each field, in the user's language, all at once.
    const missing: Record<string, string> = {};
    if (!organizationId && !typed) {
      missing['organization.name'] = t('fieldError.required');
    }
    if (form.topics.length === 0) {
      missing.topics = t('fieldError.arrayMinSize', { min: 1 });
    }
    if (!form.subject.trim()) {
      missing.subject = t('fieldError.required');
    }
    intake.reset();
    attempt(missing);
    if (Object.keys(missing).length > 0) {
      return;
    }
    // Thirteen digits typed and never picked are looked up as a corporate number.
    const typedNumber = organizationId ? null : normalizeCorporateNumber(typed);
    if (typedNumber) {
      lookUpCorporateNumber(typedNumber);
      setUnpicked(true);
      return;
    }
    // Typed text that is not a picked organization never becomes one silently: the
    // new-organization panel opens (with any likely duplicates) and the user saves again.
    if (!organizationId && typed) {
      setForm((f) => ({
        ...f,
        organizationId: NEW,
        newOrg: { ...f.newOrg, name: f.newOrg.name || typed },
      }));
      setUnpicked(true);
      return;
    }
    if (creating && !form.overrideReason.trim()) {
      // Checked now as well, not only as typed: the debounced list may not have arrived yet.
      setChecking(true);
      void fetchDuplicates({ ...duplicateQuery, name: newOrg.name || typed })
        .then(
          (found) => found.map(asPossible),
          // The API checks again on create, so a failed look-up does not block the call.
          () => [],
        )
        .then((found) => {
          setChecking(false);
          if (found.length > 0) {
            setSavedCandidates(found);
            setOverrideMissing(true);
            return;
          }
          send(saveAndNew);
        });
      return;
    }
    send(saveAndNew);
  };

  const send = (saveAndNew: boolean) => {
    const organization: IntakeOrganization = picked
      ? { id: picked }
      : {
          name: newOrg.name || form.search.trim(),
          nameKana: newOrg.nameKana || undefined,
          corporateNumber: validNumber ?? undefined,
          prefectureCode: newOrg.prefectureCode || undefined,
          address: newOrg.address.trim() || undefined,
          industryCode: newOrg.industryCode || undefined,
          industrySubcode: newOrg.industrySubcode || undefined,
          phone: newOrg.phone || undefined,
          employees: numberOrUndefined(newOrg.employees),
          capitalYen: numberOrUndefined(newOrg.capitalYen),
          duplicateOverrideReason: form.overrideReason.trim() || undefined,
        };
    const contactBody: Intake['contact'] = form.contactId
      ? { id: form.contactId }
      : contact.name.trim()
        ? {
            name: contact.name,
            phone: contact.phone || undefined,
            email: contact.email || undefined,
          }
        : undefined;
    if (picksDesk) {
      localStorage.setItem(DESK_KEY, chosenDesk);
    }
    const receivedAt = ARRIVES_EARLIER.includes(form.channel)
      ? tokyoLocalToIso(form.receivedAt)
      : undefined;
    intake.mutate(
      {
        idempotencyKey: form.idempotencyKey,
        body: {
          channel: form.channel,
          ...(chosenDesk !== AUTO ? { deskId: chosenDesk } : {}),
          ...(receivedAt ? { receivedAt } : {}),
          organization,
          contact: contactBody,
          topics: form.topics,
          subject: form.subject,
          description: form.description || undefined,
          ...(form.channel === 'phone'
            ? {
                callDirection: 'inbound' as const,
                callDurationSeconds: timerSeconds(form.timer, Date.now()),
              }
            : {}),
        },
      },
      {
        onSuccess: (created) => {
          guard.release();
          guard.discard();
          if (saveAndNew) {
            void navigate('/intake', {
              state: { saved: { id: created.id, number: created.number } } satisfies SavedState,
            });
          } else {
            void navigate(`/cases/${created.id}`);
          }
        },
        onError: (error) => {
          const found = possibleDuplicates(error);
          if (found) {
            setSavedCandidates(found);
            setOverrideMissing(!form.overrideReason.trim());
          }
        },
      },
    );
  };

  // Saving must work while typing, so inputs are not ignored.
  useHotkeys(
    [
      ['ctrl+Enter', () => submit(false)],
      ['ctrl+shift+Enter', () => submit(true)],
      ['alt+T', toggleCallTimer],
    ],
    [],
  );
  useHotkeys([['shift+?', () => setHelp(true)]]);

  const errors = shown(fieldErrors(intake.error));
  const duplicateConflict = possibleDuplicates(intake.error) !== null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(false);
  };

  return (
    <Paper component="form" onSubmit={onSubmit} noValidate p="md" withBorder maw={900}>
      <Stack>
        <Group justify="space-between">
          <Title order={2}>{t('cases.intake')}</Title>
          {form.channel === 'phone' && (
            <CallTimerControl timer={form.timer} onToggle={toggleCallTimer} />
          )}
        </Group>
        {justSaved && (
          <Alert color="green" role="status" py="xs" data-testid="saved-notice">
            <Text size="sm">
              {t('cases.savedNotice', { number: justSaved.number })}{' '}
              <Anchor component={Link} to={`/cases/${justSaved.id}`} size="sm">
                {t('cases.openSaved')}
              </Anchor>
            </Text>
          </Alert>
        )}
        {restoredAt !== null && (
          <DraftRestoredNotice
            testId="draft-restored"
            message={t('cases.draftRestored', {
              at: formatDateTime(new Date(restoredAt), i18n.language),
            })}
            discardLabel={t('cases.draftDiscard')}
            onDiscard={() => {
              guard.discard();
              setRestoredAt(null);
              setForm(freshIntake(defaultChannel ?? 'phone'));
            }}
          />
        )}
        {intake.error && !duplicateConflict && Object.keys(errors).length === 0 && (
          <ErrorAlert error={intake.error} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <OrganizationTypeahead
            search={form.search}
            onSearchChange={(text) =>
              // Typing again after a pick means the caller is someone else.
              setForm((f) =>
                f.organizationId && f.organizationId !== NEW
                  ? { ...f, search: text, organizationId: null, contactId: null }
                  : { ...f, search: text },
              )
            }
            onPick={pick}
            onCreateNew={(name) =>
              setForm((f) => ({
                ...f,
                organizationId: NEW,
                contactId: null,
                newOrg: { ...f.newOrg, name },
              }))
            }
            onCorporateNumber={lookUpCorporateNumber}
            error={
              errors['organization.id'] ?? (creating ? undefined : errors['organization.name'])
            }
          />
          <CorporateNumberField
            value={form.corporateNumber}
            onChange={(v) => set('corporateNumber', v)}
            onFound={onCorporateNumberFound}
            onNotFound={onCorporateNumberNew}
            pickedId={organizationId}
          />
        </SimpleGrid>
        {picked && (
          <>
            <Anchor component={Link} to={`/organizations/${picked}`} target="_blank" size="sm">
              {t('cases.openOrganization', { name: form.search })}
            </Anchor>
            <OrganizationSummary organizationId={picked} />
          </>
        )}
        {creating && (
          <NewOrganizationPanel
            value={newOrg}
            onChange={(v) => set('newOrg', v)}
            errors={errors}
            unpicked={unpicked}
            candidates={candidates}
            onPick={pick}
            overrideReason={form.overrideReason}
            onOverrideReasonChange={(reason) => {
              set('overrideReason', reason);
              setOverrideMissing(false);
            }}
            overrideMissing={overrideMissing}
          />
        )}
        {picked && contacts.data?.contactsHidden && (
          <Text size="xs" c="dimmed">
            {t('cases.contactsHidden')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {picked && (contacts.data?.items.length ?? 0) > 0 && (
            <Select
              label={t('cases.contactPick')}
              clearable
              // Those no longer there stay pickable, marked and last.
              data={[...(contacts.data?.items ?? [])]
                .sort((a, b) => Number(b.active) - Number(a.active))
                .map((c) => ({
                  value: c.id,
                  label: `${c.name}${c.title ? `（${c.title}）` : ''}${c.active ? '' : t('cases.contactLeft')}`,
                }))}
              value={form.contactId}
              onChange={(v) => set('contactId', v)}
            />
          )}
          {!form.contactId && (
            <>
              <TextInput
                label={t('cases.contactNew')}
                value={contact.name}
                onChange={(e) => set('contact', { ...contact, name: e.currentTarget.value })}
                error={errors['contact.name']}
              />
              <TextInput
                label={t('cases.contactPhone')}
                type="tel"
                value={contact.phone}
                onChange={(e) => set('contact', { ...contact, phone: e.currentTarget.value })}
                error={errors['contact.phone']}
              />
              <TextInput
                label={t('cases.contactEmail')}
                type="email"
                value={contact.email}
                onChange={(e) => set('contact', { ...contact, email: e.currentTarget.value })}
                error={errors['contact.email']}
              />
            </>
          )}
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="channel-label">
            {t('cases.channel')}
          </Text>
          <SegmentedControl
            aria-labelledby="channel-label"
            value={form.channel}
            onChange={(v) => chooseChannel(v as Channel)}
            data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
          />
        </Stack>
        {ARRIVES_EARLIER.includes(form.channel) && (
          <ReceivedAtInput
            value={form.receivedAt}
            onChange={(v) => set('receivedAt', v)}
            error={errors.receivedAt}
          />
        )}
        {picksDesk && (
          <Select
            label={t('cases.intakeDesk')}
            description={t('cases.intakeDeskHint')}
            allowDeselect={false}
            data={[
              { value: AUTO, label: t('cases.intakeDeskAuto') },
              ...activeDesks.map((d) => ({ value: d.id, label: ja ? d.nameJa : d.nameEn })),
            ]}
            value={chosenDesk}
            onChange={(v) => setDeskId(v ?? AUTO)}
            error={errors.deskId}
          />
        )}
        <MultiSelect
          label={t('cases.topics')}
          required
          searchable
          hidePickedOptions
          searchValue={topicSearch}
          onSearchChange={setTopicSearch}
          selectFirstOptionOnChange={onlyTopic}
          data={topicOptions}
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
              loading={(intake.isPending || checking) && savingAndNew}
              onClick={() => submit(true)}
            >
              {t('cases.saveAndNew')}
            </Button>
            <Button type="submit" loading={(intake.isPending || checking) && !savingAndNew}>
              {t('cases.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
      <ShortcutHelp opened={help} onClose={() => setHelp(false)} />
      <LeaveDraftModal
        guard={guard}
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

/** The running call time, with its own one-second tick so the form does not re-render with it. */
function CallTimerControl({ timer, onToggle }: { timer: CallTimer; onToggle: () => void }) {
  const { t } = useTranslation();
  const now = useNow(timer.runningSince === null ? 60_000 : 1_000);
  const running = timer.runningSince !== null;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" aria-live="off">
        {t('cases.callTimer')}:{' '}
        <time data-testid="call-timer">{formatTimer(timerSeconds(timer, now))}</time>
      </Text>
      <ActionIcon
        variant="default"
        size="md"
        onClick={onToggle}
        aria-label={running ? t('cases.timerPause') : t('cases.timerResume')}
        title={`${running ? t('cases.timerPause') : t('cases.timerResume')} (Alt+T)`}
      >
        <span aria-hidden>{running ? '❚❚' : '▶'}</span>
      </ActionIcon>
    </Group>
  );
}

/** When an email or web inquiry arrived (Tokyo time); empty means now. */
function ReceivedAtInput({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const now = useNow(60_000);
  return (
    <TextInput
      type="datetime-local"
      label={t('cases.receivedAtInput')}
      description={t('cases.receivedAtHint')}
      max={tokyoNowLocal(now)}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      w={{ base: '100%', sm: 280 }}
    />
  );
}

export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('cases.shortcuts')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <List>
        <List.Item>{t('cases.shortcutList.newIntake')}</List.Item>
        <List.Item>{t('cases.shortcutList.save')}</List.Item>
        <List.Item>{t('cases.shortcutList.saveAndNew')}</List.Item>
        <List.Item>{t('cases.shortcutList.timer')}</List.Item>
        <List.Item>{t('cases.shortcutList.help')}</List.Item>
        <List.Item>{t('cases.shortcutList.next')}</List.Item>
        <List.Item>{t('cases.shortcutList.open')}</List.Item>
        <List.Item>{t('cases.shortcutList.select')}</List.Item>
        <List.Item>{t('cases.shortcutList.search')}</List.Item>
      </List>
    </Modal>
  );
}
