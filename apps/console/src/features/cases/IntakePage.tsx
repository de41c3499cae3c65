import { CHANNELS, TOPIC_CATEGORIES, TOPICS } from '@madoguchi/domain';
import {
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
import { useHotkeys, useInterval } from '@mantine/hooks';
import { type FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../lib/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
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
import { CorporateNumberField, validCorporateNumber } from './CorporateNumberField';
import { NewOrganizationPanel } from './NewOrganizationPanel';
import { OrganizationTypeahead } from './OrganizationTypeahead';
import { type Intake, useIntake } from './api/use-cases';
import { useDesks } from './api/use-transfers';

type Channel = (typeof CHANNELS)[number];
const NEW = '__new__';
const CHANNEL_KEY = 'madoguchi.intake.channel';
const DESK_KEY = 'madoguchi.intake.desk';
/** The routing rules choose the desk: the default, and what most calls want. */
const AUTO = '__auto__';

const asPossible = (c: DuplicateCandidate): PossibleDuplicate => ({
  id: c.organization.id,
  name: c.organization.name,
  prefectureCode: c.organization.prefectureCode,
  corporateNumber: c.organization.corporateNumber,
  matchedOn: c.reasons,
});

const storedChannel = (): Channel => {
  const stored = localStorage.getItem(CHANNEL_KEY);
  return (CHANNELS as readonly string[]).includes(stored ?? '') ? (stored as Channel) : 'phone';
};

/**
 * Built for the phone: focus starts in the organization search, everything is reachable by
 * keyboard, Ctrl+Enter saves, and a likely duplicate is flagged before a new organization is made.
 */
export function IntakePage() {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const navigate = useNavigate();
  const intake = useIntake();
  const idempotencyKey = useRef(crypto.randomUUID());
  const form = useRef<HTMLFormElement>(null);
  const [help, setHelp] = useState(false);

  const [search, setSearch] = useState('');
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [newOrg, setNewOrg] = useState({
    name: '',
    nameKana: '',
    prefectureCode: '',
    industryCode: '',
    phone: '',
  });
  const [employees, setEmployees] = useState<number | string>('');
  const [corporateNumber, setCorporateNumber] = useState('');
  // Candidates found at save time (the check before sending, or the API's 409).
  const [savedCandidates, setSavedCandidates] = useState<PossibleDuplicate[]>([]);
  const [overrideReason, setOverrideReason] = useState('');
  const [overrideMissing, setOverrideMissing] = useState(false);
  // Saved with typed text that was never picked: the panel opened instead of a silent create.
  const [unpicked, setUnpicked] = useState(false);
  const [checking, setChecking] = useState(false);
  const [contactId, setContactId] = useState<string | null>(null);
  const [contact, setContact] = useState({ name: '', phone: '', email: '' });
  const [channel, setChannel] = useState<Channel>(storedChannel);
  const { user } = useSession();
  // Regional staff always log to their own desk (the API keeps it there), so only the center
  // and admins get to pick one.
  const picksDesk = user?.role === 'operator' || user?.role === 'admin';
  const desks = useDesks();
  const [deskId, setDeskId] = useState<string>(() => localStorage.getItem(DESK_KEY) ?? AUTO);
  const activeDesks = (desks.data ?? []).filter((d) => d.active);
  // A remembered desk that has since been closed down falls back to the rules; until the desks
  // have loaded, the remembered one stands (a fast Ctrl+Enter must not silently drop it).
  const chosenDesk = !picksDesk
    ? AUTO
    : !desks.data || activeDesks.some((d) => d.id === deskId)
      ? deskId
      : AUTO;
  const [topics, setTopics] = useState<string[]>([]);
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [seconds, setSeconds] = useState(0);

  const contacts = useContacts(organizationId === NEW ? null : organizationId);
  const validNumber = validCorporateNumber(corporateNumber);
  const duplicateQuery = {
    name: newOrg.name,
    phone: newOrg.phone,
    email: contact.email,
    corporateNumber: validNumber ?? undefined,
  };
  const duplicates = useDuplicateCandidates(organizationId === NEW ? duplicateQuery : {});
  const candidates = [
    ...savedCandidates,
    ...(organizationId === NEW ? (duplicates.data ?? []).map(asPossible) : []).filter(
      (c) => !savedCandidates.some((s) => s.id === c.id),
    ),
  ];

  const pick = useCallback((organization: { id: string; name: string }) => {
    setOrganizationId(organization.id);
    setSearch(organization.name);
    setContactId(null);
    setSavedCandidates([]);
    setOverrideReason('');
    setOverrideMissing(false);
    setUnpicked(false);
  }, []);
  const onCorporateNumberFound = useCallback((o: Organization) => pick(o), [pick]);
  const onCorporateNumberNew = useCallback(() => {
    // A number nobody has yet is a new organization, unless the caller's one is already picked.
    setOrganizationId((current) => current ?? NEW);
    setNewOrg((o) => ({ ...o, name: o.name || search.trim() }));
  }, [search]);
  useInterval(() => setSeconds((s) => s + 1), 1000, { autoInvoke: true });

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

  const submit = () => {
    if (intake.isPending || checking) {
      return;
    }
    // Typed text that is not a picked organization never becomes one silently: the
    // new-organization panel opens (with any likely duplicates) and the user saves again.
    if (!organizationId && search.trim()) {
      setOrganizationId(NEW);
      setNewOrg((o) => ({ ...o, name: o.name || search.trim() }));
      setUnpicked(true);
      return;
    }
    if (organizationId === NEW && !overrideReason.trim()) {
      // Checked now as well, not only as typed: the debounced list may not have arrived yet.
      setChecking(true);
      void fetchDuplicates({ ...duplicateQuery, name: newOrg.name || search.trim() })
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
          send();
        });
      return;
    }
    send();
  };

  const send = () => {
    const organization: IntakeOrganization =
      organizationId && organizationId !== NEW
        ? { id: organizationId }
        : {
            name: newOrg.name || search.trim(),
            nameKana: newOrg.nameKana || undefined,
            corporateNumber: validNumber ?? undefined,
            prefectureCode: newOrg.prefectureCode || undefined,
            industryCode: newOrg.industryCode || undefined,
            phone: newOrg.phone || undefined,
            employees: typeof employees === 'number' ? employees : undefined,
            duplicateOverrideReason: overrideReason.trim() || undefined,
          };
    const contactBody: Intake['contact'] = contactId
      ? { id: contactId }
      : contact.name.trim()
        ? {
            name: contact.name,
            phone: contact.phone || undefined,
            email: contact.email || undefined,
          }
        : undefined;
    localStorage.setItem(CHANNEL_KEY, channel);
    if (picksDesk) {
      localStorage.setItem(DESK_KEY, chosenDesk);
    }
    intake.mutate(
      {
        idempotencyKey: idempotencyKey.current,
        body: {
          channel,
          ...(chosenDesk !== AUTO ? { deskId: chosenDesk } : {}),
          organization,
          contact: contactBody,
          topics,
          subject,
          description: description || undefined,
          ...(channel === 'phone'
            ? { callDirection: 'inbound' as const, callDurationSeconds: seconds }
            : {}),
        },
      },
      {
        onSuccess: (created) => void navigate(`/cases/${created.id}`),
        onError: (error) => {
          const found = possibleDuplicates(error);
          if (found) {
            setSavedCandidates(found);
            setOverrideMissing(!overrideReason.trim());
          }
        },
      },
    );
  };

  // Ctrl+Enter must work while typing, so inputs are not ignored.
  useHotkeys([['ctrl+Enter', submit]], []);
  useHotkeys([['shift+?', () => setHelp(true)]]);

  const errors = fieldErrors(intake.error);
  const duplicateConflict = possibleDuplicates(intake.error) !== null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  const creating = organizationId === NEW;
  const timerText = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;

  return (
    <Paper component="form" ref={form} onSubmit={onSubmit} p="md" withBorder maw={900}>
      <Stack>
        <Group justify="space-between">
          <Title order={2}>{t('cases.intake')}</Title>
          {channel === 'phone' && (
            <Text size="sm" aria-live="off">
              {t('cases.callTimer')}: <time data-testid="call-timer">{timerText}</time>
            </Text>
          )}
        </Group>
        {intake.error && !duplicateConflict && Object.keys(errors).length === 0 && (
          <ErrorAlert error={intake.error} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <OrganizationTypeahead
            search={search}
            onSearchChange={(text) => {
              setSearch(text);
              // Typing again after a pick means the caller is someone else.
              if (organizationId && organizationId !== NEW) {
                setOrganizationId(null);
                setContactId(null);
              }
            }}
            onPick={pick}
            onCreateNew={(name) => {
              setOrganizationId(NEW);
              setContactId(null);
              setNewOrg((o) => ({ ...o, name }));
            }}
            error={
              errors['organization.id'] ?? (creating ? undefined : errors['organization.name'])
            }
          />
          <CorporateNumberField
            value={corporateNumber}
            onChange={setCorporateNumber}
            onFound={onCorporateNumberFound}
            onNotFound={onCorporateNumberNew}
            pickedId={organizationId}
          />
        </SimpleGrid>
        {organizationId && !creating && (
          <Anchor
            component={Link}
            to={`/organizations/${organizationId}`}
            target="_blank"
            size="sm"
          >
            {t('cases.openOrganization', { name: search })}
          </Anchor>
        )}
        {creating && (
          <NewOrganizationPanel
            value={newOrg}
            onChange={setNewOrg}
            employees={employees}
            onEmployeesChange={setEmployees}
            errors={errors}
            unpicked={unpicked}
            candidates={candidates}
            onPick={pick}
            overrideReason={overrideReason}
            onOverrideReasonChange={(reason) => {
              setOverrideReason(reason);
              setOverrideMissing(false);
            }}
            overrideMissing={overrideMissing}
          />
        )}
        {!creating && contacts.data?.contactsHidden && (
          <Text size="xs" c="dimmed">
            {t('cases.contactsHidden')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {!creating && (contacts.data?.items.length ?? 0) > 0 && (
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
              value={contactId}
              onChange={setContactId}
            />
          )}
          {!contactId && (
            <>
              <TextInput
                label={t('cases.contactNew')}
                value={contact.name}
                onChange={(e) => setContact({ ...contact, name: e.currentTarget.value })}
                error={errors['contact.name']}
              />
              <TextInput
                label={t('cases.contactPhone')}
                type="tel"
                value={contact.phone}
                onChange={(e) => setContact({ ...contact, phone: e.currentTarget.value })}
                error={errors['contact.phone']}
              />
              <TextInput
                label={t('cases.contactEmail')}
                type="email"
                value={contact.email}
                onChange={(e) => setContact({ ...contact, email: e.currentTarget.value })}
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
            value={channel}
            onChange={(v) => setChannel(v as Channel)}
            data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
          />
        </Stack>
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
          data={topicOptions}
          value={topics}
          onChange={setTopics}
          error={errors.topics}
        />
        <TextInput
          label={t('cases.subject')}
          required
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          error={errors.subject}
        />
        <Textarea
          label={t('cases.description')}
          autosize
          minRows={3}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
        />
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => setHelp(true)}>
            <Kbd>?</Kbd>&nbsp;{t('cases.shortcuts')}
          </Button>
          <Button type="submit" loading={intake.isPending || checking}>
            {t('cases.save')}
          </Button>
        </Group>
      </Stack>
      <ShortcutHelp opened={help} onClose={() => setHelp(false)} />
    </Paper>
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
        <List.Item>{t('cases.shortcutList.save')}</List.Item>
        <List.Item>{t('cases.shortcutList.help')}</List.Item>
        <List.Item>{t('cases.shortcutList.next')}</List.Item>
        <List.Item>{t('cases.shortcutList.open')}</List.Item>
        <List.Item>{t('cases.shortcutList.select')}</List.Item>
        <List.Item>{t('cases.shortcutList.search')}</List.Item>
      </List>
    </Modal>
  );
}
