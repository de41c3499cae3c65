import { CHANNELS, INDUSTRIES, PREFECTURES, TOPIC_CATEGORIES, TOPICS } from '@madoguchi/domain';
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import {
  type Desk,
  type RoutingRule,
  useAddClosure,
  useAdminDesks,
  useClosures,
  useDeleteRule,
  useJobs,
  useRemoveClosure,
  useRetryJob,
  useRoutingRules,
  useSaveDesk,
  useSavePolicy,
  useSaveRule,
  useSlaPolicies,
} from './api/use-settings';

/**
 * The admin's desk settings in one place: routing rules (first match wins), SLA targets per
 * channel, desk hours, auto-assignment and closures, and the background jobs that failed.
 */
export function DeskSettingsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('settings.title')}</Title>
      <Tabs defaultValue="routing" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="routing">{t('settings.routing')}</Tabs.Tab>
          <Tabs.Tab value="sla">{t('settings.sla')}</Tabs.Tab>
          <Tabs.Tab value="desks">{t('settings.desks')}</Tabs.Tab>
          <Tabs.Tab value="jobs">{t('settings.jobs')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="routing" pt="md">
          <RoutingRules />
        </Tabs.Panel>
        <Tabs.Panel value="sla" pt="md">
          <SlaPolicies />
        </Tabs.Panel>
        <Tabs.Panel value="desks" pt="md">
          <Desks />
        </Tabs.Panel>
        <Tabs.Panel value="jobs" pt="md">
          <Jobs />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function useDeskName() {
  const { i18n } = useTranslation();
  const desks = useAdminDesks();
  return (id: string | null) => {
    const d = desks.data?.find((x) => x.id === id);
    return d ? (i18n.language === 'ja' ? d.nameJa : d.nameEn) : (id ?? '');
  };
}

/** One readable sentence per rule: "来訪 ・ 13 → 管轄の地域窓口". */
function RuleSentence({ rule }: { rule: RoutingRule }) {
  const { t } = useTranslation();
  const deskName = useDeskName();
  const conditions = [
    rule.channels?.map((c) => t(`cases.channels.${c}`)).join('・'),
    rule.prefectureCodes?.join('・'),
    rule.topicCodes?.join('・'),
    rule.industryCodes?.join('・'),
    rule.sme === null ? null : rule.sme ? 'SME' : 'non-SME',
    rule.loggedAt ? t(`settings.loggedAt.${rule.loggedAt}`) : null,
  ].filter(Boolean);
  const target =
    rule.target === 'desk' ? deskName(rule.deskId) : t(`settings.targets.${rule.target}`);
  return (
    <Text size="sm">
      {conditions.length ? conditions.join(' かつ ') : t('settings.any')} → <b>{target}</b>
    </Text>
  );
}

function RoutingRules() {
  const { t } = useTranslation();
  const rules = useRoutingRules();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('settings.routingHint')}
        </Text>
        <Button size="xs" onClick={() => setEditing('new')}>
          {t('settings.addRule')}
        </Button>
      </Group>
      <ErrorAlert error={rules.error ?? remove.error} />
      <Table aria-label={t('settings.routing')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.position')}</Table.Th>
            <Table.Th>{t('settings.name')}</Table.Th>
            <Table.Th>{t('settings.rule')}</Table.Th>
            <Table.Th>{t('settings.active')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rules.data ?? []).map((rule) => (
            <Table.Tr key={rule.id}>
              <Table.Td>{rule.position}</Table.Td>
              <Table.Td>{rule.name}</Table.Td>
              <Table.Td>
                <RuleSentence rule={rule} />
              </Table.Td>
              <Table.Td>
                <Badge variant="outline" color={rule.active ? 'teal.9' : 'gray.7'}>
                  {rule.active ? t('settings.on') : t('settings.off')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="default" onClick={() => setEditing(rule)}>
                    {t('cases.edit')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => {
                      if (window.confirm(t('settings.confirmDelete', { name: rule.name }))) {
                        remove.mutate(rule.id);
                      }
                    }}
                  >
                    {t('settings.delete')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && (
        <RuleModal rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function RuleModal({ rule, onClose }: { rule: RoutingRule | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const desks = useAdminDesks();
  const save = useSaveRule();
  const [form, setForm] = useState({
    position: rule?.position ?? 100,
    name: rule?.name ?? '',
    active: rule?.active ?? true,
    // Widened to the strings the multi-select hands back.
    channels: (rule?.channels ?? []).map(String),
    prefectureCodes: rule?.prefectureCodes ?? [],
    topicCodes: rule?.topicCodes ?? [],
    industryCodes: rule?.industryCodes ?? [],
    target: rule?.target ?? 'desk',
    deskId: rule?.deskId ?? null,
  });
  const errors = fieldErrors(save.error);
  const orNull = (list: string[]) => (list.length ? list : null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        id: rule?.id,
        body: {
          position: form.position,
          name: form.name,
          active: form.active,
          channels: orNull(form.channels) as RoutingRule['channels'],
          prefectureCodes: orNull(form.prefectureCodes),
          topicCodes: orNull(form.topicCodes),
          industryCodes: orNull(form.industryCodes),
          target: form.target,
          deskId: form.target === 'desk' ? form.deskId : null,
          version: rule?.version,
        },
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={rule ? t('settings.editRule') : t('settings.addRule')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack component="form" onSubmit={submit}>
        <Group grow>
          <TextInput
            label={t('settings.name')}
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
          />
          <NumberInput
            label={t('settings.position')}
            required
            min={0}
            value={form.position}
            onChange={(v) => setForm({ ...form, position: Number(v) })}
            error={errors.position}
          />
        </Group>
        <MultiSelect
          label={t('cases.channel')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
          value={form.channels}
          onChange={(v) => setForm({ ...form, channels: v })}
          error={errors.channels}
          placeholder={t('settings.any')}
        />
        <MultiSelect
          label={t('cases.prefecture')}
          searchable
          data={PREFECTURES.map((p) => ({ value: p.code, label: ja ? p.nameJa : p.nameEn }))}
          value={form.prefectureCodes}
          onChange={(v) => setForm({ ...form, prefectureCodes: v })}
          error={errors.prefectureCodes}
          placeholder={t('settings.any')}
        />
        <MultiSelect
          label={t('cases.topics')}
          searchable
          data={[
            ...TOPIC_CATEGORIES.map((c) => ({
              value: c.code,
              label: `${c.code} ${ja ? c.labelJa : c.labelEn}`,
            })),
            ...TOPICS.map((c) => ({
              value: c.code,
              label: `${c.code} ${ja ? c.labelJa : c.labelEn}`,
            })),
          ]}
          value={form.topicCodes}
          onChange={(v) => setForm({ ...form, topicCodes: v })}
          error={errors.topicCodes}
          placeholder={t('settings.any')}
        />
        <MultiSelect
          label={t('cases.industry')}
          data={INDUSTRIES.map((i) => ({
            value: i.code,
            label: `${i.code} ${ja ? i.labelJa : i.labelEn}`,
          }))}
          value={form.industryCodes}
          onChange={(v) => setForm({ ...form, industryCodes: v })}
          error={errors.industryCodes}
          placeholder={t('settings.any')}
        />
        <Group grow>
          <Select
            label={t('settings.target')}
            required
            data={(['desk', 'coverage', 'logger_desk'] as const).map((v) => ({
              value: v,
              label: t(`settings.targets.${v}`),
            }))}
            value={form.target}
            onChange={(v) => setForm({ ...form, target: (v ?? 'desk') as typeof form.target })}
          />
          {form.target === 'desk' && (
            <Select
              label={t('cases.desk')}
              required
              data={(desks.data ?? []).map((d) => ({
                value: d.id,
                label: ja ? d.nameJa : d.nameEn,
              }))}
              value={form.deskId}
              onChange={(v) => setForm({ ...form, deskId: v })}
              error={errors.deskId}
            />
          )}
        </Group>
        <Switch
          label={t('settings.active')}
          checked={form.active}
          onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })}
        />
        {save.error && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
        <Button type="submit" loading={save.isPending}>
          {t('users.save')}
        </Button>
      </Stack>
    </Modal>
  );
}

function SlaPolicies() {
  const { t } = useTranslation();
  const policies = useSlaPolicies();
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('settings.slaHint')}
      </Text>
      <ErrorAlert error={policies.error} />
      <Table aria-label={t('settings.sla')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.channel')}</Table.Th>
            <Table.Th>{t('settings.firstResponseHours')}</Table.Th>
            <Table.Th>{t('settings.resolutionDays')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(policies.data ?? []).map((p) => (
            <PolicyRow key={p.channel} policy={p} />
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function PolicyRow({
  policy,
}: {
  policy: {
    channel: string;
    firstResponseBusinessHours: number | null;
    resolutionBusinessDays: number;
  };
}) {
  const { t } = useTranslation();
  const save = useSavePolicy();
  const [hours, setHours] = useState<number | string>(policy.firstResponseBusinessHours ?? '');
  const [days, setDays] = useState<number | string>(policy.resolutionBusinessDays);
  const errors = fieldErrors(save.error);
  const label = t(`cases.channels.${policy.channel}`);
  return (
    <Table.Tr>
      <Table.Td>{label}</Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={t('settings.firstResponseFor', { channel: label })}
          placeholder={t('settings.onContact')}
          min={0.25}
          step={1}
          value={hours}
          onChange={setHours}
          error={errors.firstResponseBusinessHours}
          w={160}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={t('settings.resolutionFor', { channel: label })}
          min={1}
          max={365}
          value={days}
          onChange={setDays}
          error={errors.resolutionBusinessDays}
          w={120}
        />
      </Table.Td>
      <Table.Td>
        <Button
          size="xs"
          variant="default"
          loading={save.isPending}
          onClick={() =>
            save.mutate({
              channel: policy.channel,
              body: {
                firstResponseBusinessHours: hours === '' ? null : Number(hours),
                resolutionBusinessDays: Number(days),
              },
            })
          }
        >
          {t('users.save')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function Desks() {
  const { t, i18n } = useTranslation();
  const desks = useAdminDesks();
  const [closuresOf, setClosuresOf] = useState<Desk | null>(null);
  return (
    <Stack>
      <ErrorAlert error={desks.error} />
      <Table aria-label={t('settings.desks')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.desk')}</Table.Th>
            <Table.Th>{t('settings.hours')}</Table.Th>
            <Table.Th>{t('settings.assignment')}</Table.Th>
            <Table.Th>{t('settings.acceptDays')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(desks.data ?? []).map((d) => (
            <DeskRow
              key={`${d.id}-${d.openTime}-${d.closeTime}-${d.assignmentMode}-${d.transferAcceptBusinessDays}`}
              desk={d}
              name={i18n.language === 'ja' ? d.nameJa : d.nameEn}
              onClosures={() => setClosuresOf(d)}
            />
          ))}
        </Table.Tbody>
      </Table>
      {closuresOf && <ClosuresModal desk={closuresOf} onClose={() => setClosuresOf(null)} />}
    </Stack>
  );
}

function DeskRow({ desk, name, onClosures }: { desk: Desk; name: string; onClosures: () => void }) {
  const { t } = useTranslation();
  const save = useSaveDesk();
  const [openTime, setOpenTime] = useState(desk.openTime);
  const [closeTime, setCloseTime] = useState(desk.closeTime);
  const [mode, setMode] = useState<string>(desk.assignmentMode);
  const [days, setDays] = useState<number | string>(desk.transferAcceptBusinessDays);
  const errors = fieldErrors(save.error);
  return (
    <Table.Tr>
      <Table.Td>{name}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <TextInput
            type="time"
            aria-label={t('settings.openTimeOf', { desk: name })}
            value={openTime}
            onChange={(e) => setOpenTime(e.currentTarget.value)}
            error={errors.openTime}
          />
          <Text size="sm">–</Text>
          <TextInput
            type="time"
            aria-label={t('settings.closeTimeOf', { desk: name })}
            value={closeTime}
            onChange={(e) => setCloseTime(e.currentTarget.value)}
            error={errors.closeTime}
          />
        </Group>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('settings.assignmentOf', { desk: name })}
          data={(['off', 'round_robin', 'least_open'] as const).map((m) => ({
            value: m,
            label: t(`settings.modes.${m}`),
          }))}
          value={mode}
          onChange={(v) => setMode(v ?? 'off')}
          w={170}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={t('settings.acceptDaysOf', { desk: name })}
          min={1}
          max={30}
          value={days}
          onChange={setDays}
          w={90}
          error={errors.transferAcceptBusinessDays}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button
            size="xs"
            variant="default"
            loading={save.isPending}
            onClick={() =>
              save.mutate({
                id: desk.id,
                body: {
                  openTime,
                  closeTime,
                  assignmentMode: mode as Desk['assignmentMode'],
                  transferAcceptBusinessDays: Number(days),
                },
              })
            }
          >
            {t('users.save')}
          </Button>
          <Button size="xs" variant="subtle" onClick={onClosures}>
            {t('settings.closures')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function ClosuresModal({ desk, onClose }: { desk: Desk; onClose: () => void }) {
  const { t } = useTranslation();
  const closures = useClosures(desk.id);
  const add = useAddClosure(desk.id);
  const remove = useRemoveClosure(desk.id);
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const errors = fieldErrors(add.error);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('settings.closuresOf', { desk: desk.nameJa })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('settings.closuresHint')}
        </Text>
        {(closures.data ?? []).map((c) => (
          <Group key={c.date} justify="space-between">
            <Text size="sm">
              {c.date} {c.reason}
            </Text>
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              onClick={() => remove.mutate(c.date)}
            >
              {t('settings.delete')}
            </Button>
          </Group>
        ))}
        <Group
          component="form"
          align="flex-end"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            add.mutate(
              { date, reason: reason || undefined },
              { onSuccess: () => (setDate(''), setReason('')) },
            );
          }}
        >
          <TextInput
            type="date"
            label={t('settings.closureDate')}
            required
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={errors.date}
          />
          <TextInput
            label={t('settings.closureReason')}
            style={{ flex: 1 }}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Button type="submit" loading={add.isPending}>
            {t('settings.addClosure')}
          </Button>
        </Group>
        <ErrorAlert error={remove.error} />
      </Stack>
    </Modal>
  );
}

function Jobs() {
  const { t, i18n } = useTranslation();
  const jobs = useJobs();
  const retry = useRetryJob();
  return (
    <Stack>
      <ErrorAlert error={jobs.error ?? retry.error} />
      {jobs.data && (
        <Card withBorder>
          <Text size="sm">
            {jobs.data.running ? t('settings.jobsRunning') : t('settings.jobsStopped')}
          </Text>
          <Text size="xs" c="dimmed">
            {jobs.data.queues.join(' · ')}
          </Text>
        </Card>
      )}
      <Title order={3} size="h5">
        {t('settings.failedJobs')}
      </Title>
      {(jobs.data?.failed ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('settings.noFailedJobs')}
        </Text>
      ) : (
        <Table aria-label={t('settings.failedJobs')}>
          <Table.Tbody>
            {jobs.data!.failed.map((j) => (
              <Table.Tr key={j.id}>
                <Table.Td>{j.queue}</Table.Td>
                <Table.Td>{j.failedAt ? formatDateTime(j.failedAt, i18n.language) : '—'}</Table.Td>
                <Table.Td>
                  <Text size="xs" lineClamp={2}>
                    {j.error}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    onClick={() => retry.mutate({ id: j.id, queue: j.queue })}
                  >
                    {t('settings.retry')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
