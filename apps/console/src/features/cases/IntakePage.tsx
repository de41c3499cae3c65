import { CHANNELS, INDUSTRIES, PREFECTURES, TOPIC_CATEGORIES, TOPICS } from '@madoguchi/domain';
import {
  Alert,
  Button,
  Group,
  Kbd,
  List,
  Modal,
  MultiSelect,
  NumberInput,
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
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../lib/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { useContacts, useDuplicateCandidates } from '../organizations/api/use-organizations';
import { OrganizationTypeahead } from './OrganizationTypeahead';
import { type Intake, useIntake } from './api/use-cases';
import { useDesks } from './api/use-transfers';

type Channel = (typeof CHANNELS)[number];
const NEW = '__new__';
const CHANNEL_KEY = 'madoguchi.intake.channel';
const DESK_KEY = 'madoguchi.intake.desk';
/** The routing rules choose the desk: the default, and what most calls want. */
const AUTO = '__auto__';

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
  const duplicates = useDuplicateCandidates(
    organizationId === NEW ? { name: newOrg.name, phone: newOrg.phone, email: contact.email } : {},
  );
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
    if (intake.isPending) {
      return;
    }
    const organization: Intake['organization'] =
      organizationId && organizationId !== NEW
        ? { id: organizationId }
        : {
            name: newOrg.name || search.trim(),
            nameKana: newOrg.nameKana || undefined,
            prefectureCode: newOrg.prefectureCode || undefined,
            industryCode: newOrg.industryCode || undefined,
            phone: newOrg.phone || undefined,
            employees: typeof employees === 'number' ? employees : undefined,
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
      { onSuccess: (created) => void navigate(`/cases/${created.id}`) },
    );
  };

  // Ctrl+Enter must work while typing, so inputs are not ignored.
  useHotkeys([['ctrl+Enter', submit]], []);
  useHotkeys([['shift+?', () => setHelp(true)]]);

  const errors = fieldErrors(intake.error);
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
        {intake.error && Object.keys(errors).length === 0 && <ErrorAlert error={intake.error} />}
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
          onPick={(organization) => {
            setOrganizationId(organization.id);
            setContactId(null);
          }}
          onCreateNew={(name) => {
            setOrganizationId(NEW);
            setContactId(null);
            setNewOrg((o) => ({ ...o, name }));
          }}
          error={errors['organization.id'] ?? (creating ? undefined : errors['organization.name'])}
        />
        {creating && (
          <Paper withBorder p="sm" bg="gray.0">
            <Stack gap="xs">
              <Text fw={600}>{t('cases.newOrganizationTitle')}</Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('cases.orgName')}
                  required
                  value={newOrg.name}
                  onChange={(e) => setNewOrg({ ...newOrg, name: e.currentTarget.value })}
                  error={errors['organization.name']}
                />
                <TextInput
                  label={t('cases.orgKana')}
                  value={newOrg.nameKana}
                  onChange={(e) => setNewOrg({ ...newOrg, nameKana: e.currentTarget.value })}
                />
                <Select
                  label={t('cases.prefecture')}
                  searchable
                  clearable
                  data={PREFECTURES.map((p) => ({
                    value: p.code,
                    label: `${p.code} ${ja ? p.nameJa : p.nameEn}`,
                  }))}
                  value={newOrg.prefectureCode || null}
                  onChange={(v) => setNewOrg({ ...newOrg, prefectureCode: v ?? '' })}
                  error={errors['organization.prefectureCode']}
                />
                <Select
                  label={t('cases.industry')}
                  searchable
                  clearable
                  data={INDUSTRIES.map((i) => ({
                    value: i.code,
                    label: `${i.code} ${ja ? i.labelJa : i.labelEn}`,
                  }))}
                  value={newOrg.industryCode || null}
                  onChange={(v) => setNewOrg({ ...newOrg, industryCode: v ?? '' })}
                />
                <TextInput
                  label={t('cases.phone')}
                  type="tel"
                  value={newOrg.phone}
                  onChange={(e) => setNewOrg({ ...newOrg, phone: e.currentTarget.value })}
                  error={errors['organization.phone']}
                />
                <NumberInput
                  label={t('cases.employees')}
                  min={0}
                  value={employees}
                  onChange={setEmployees}
                />
              </SimpleGrid>
              {(duplicates.data?.length ?? 0) > 0 && (
                <Alert
                  color="yellow"
                  title={t('cases.duplicateTitle')}
                  role="alert"
                  data-testid="duplicate-warning"
                >
                  <List spacing={4}>
                    {duplicates.data!.map((candidate) => (
                      <List.Item key={candidate.organization.id}>
                        <Group gap="xs">
                          <Text size="sm">
                            {candidate.organization.name}（
                            {candidate.reasons.map((r) => t(`cases.reasons.${r}`)).join('・')}）
                          </Text>
                          <Button
                            size="compact-xs"
                            variant="light"
                            onClick={() => {
                              setOrganizationId(candidate.organization.id);
                              setSearch(candidate.organization.name);
                            }}
                          >
                            {t('cases.useThis')}
                          </Button>
                        </Group>
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              )}
            </Stack>
          </Paper>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {!creating && (contacts.data?.length ?? 0) > 0 && (
            <Select
              label={t('cases.contactPick')}
              clearable
              data={(contacts.data ?? []).map((c) => ({
                value: c.id,
                label: `${c.name}${c.title ? `（${c.title}）` : ''}`,
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
          <Button type="submit" loading={intake.isPending}>
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
