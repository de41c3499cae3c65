import { type Channel, CHANNELS } from '@madoguchi/domain';
import {
  Alert,
  Button,
  Fieldset,
  Grid,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import {
  type CreateRoutingRule,
  isGone,
  isVersionConflict,
  type RoutingRule,
  useAssignableUsers,
  useCreateRule,
  useDesks,
  useRoutingRules,
  useUpdateRule,
} from './api/use-routing-rules';
import type { RuleShape } from './rule-sentence';
import { RuleSentence } from './RuleSentence';
import { useConditionOptions } from './use-rule-labels';
import { ConsoleForm } from '../../components/ConsoleForm';

const TARGETS = ['coverage', 'desk', 'logger_desk'] as const;
type Target = (typeof TARGETS)[number];
type Sme = 'any' | 'yes' | 'no';
type LoggedAt = 'any' | 'national' | 'regional';

interface RuleForm {
  name: string;
  position: number | string;
  active: boolean;
  channels: string[];
  prefectureCodes: string[];
  topicCodes: string[];
  industryCodes: string[];
  sme: Sme;
  loggedAt: LoggedAt;
  target: Target;
  deskId: string | null;
  assigneeId: string | null;
}

const toForm = (rule: RoutingRule | null, defaultPosition: number): RuleForm => ({
  name: rule?.name ?? '',
  position: rule?.position ?? defaultPosition,
  active: rule?.active ?? true,
  channels: rule?.channels ?? [],
  prefectureCodes: rule?.prefectureCodes ?? [],
  topicCodes: rule?.topicCodes ?? [],
  industryCodes: rule?.industryCodes ?? [],
  sme: rule?.sme === true ? 'yes' : rule?.sme === false ? 'no' : 'any',
  loggedAt: rule?.loggedAt ?? 'any',
  target: rule?.target ?? 'coverage',
  deskId: rule?.deskId ?? null,
  assigneeId: rule?.assigneeId ?? null,
});

const isChannel = (value: string): value is Channel =>
  (CHANNELS as readonly string[]).includes(value);

/** An empty list means "any", which the API spells null. */
const anyIfEmpty = <T,>(list: T[]): T[] | null => (list.length > 0 ? list : null);

const toShape = (form: RuleForm): RuleShape => ({
  channels: anyIfEmpty(CHANNELS.filter((c) => form.channels.includes(c))),
  prefectureCodes: anyIfEmpty(form.prefectureCodes),
  topicCodes: anyIfEmpty(form.topicCodes),
  industryCodes: anyIfEmpty(form.industryCodes),
  sme: form.sme === 'any' ? null : form.sme === 'yes',
  loggedAt: form.loggedAt === 'any' ? null : form.loggedAt,
  target: form.target,
  deskId: form.target === 'desk' ? form.deskId : null,
  assigneeId: form.assigneeId,
});

const toBody = (form: RuleForm): CreateRoutingRule => ({
  ...toShape(form),
  name: form.name.trim(),
  position: typeof form.position === 'number' ? form.position : Number(form.position),
  active: form.active,
});

/**
 * Creates or edits a rule. A save that meets a newer version shows what is there now and lets
 * the admin either take it or put their own changes on top of it, knowingly.
 */
export function RuleFormModal({
  rule,
  defaultPosition,
  onClose,
}: {
  rule: RoutingRule | null;
  defaultPosition: number;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language !== 'en';
  const options = useConditionOptions();
  const rules = useRoutingRules();
  const desks = useDesks();
  const users = useAssignableUsers();
  const create = useCreateRule();
  const update = useUpdateRule();
  // The version this form was filled from: a save sends it, a reload replaces it.
  const [base, setBase] = useState(rule);
  const [form, setForm] = useState(() => toForm(rule, defaultPosition));
  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const save = base ? update : create;
  const errors = fieldErrors(save.error);
  const conflict = isVersionConflict(save.error);
  const gone = isGone(save.error);
  const latest = base ? rules.data?.find((r) => r.id === base.id) : undefined;

  const submit = (version?: number) => {
    const body = toBody(form);
    if (base) {
      update.mutate(
        { id: base.id, body: { ...body, version: version ?? base.version } },
        { onSuccess: onClose },
      );
    } else {
      create.mutate(body, { onSuccess: onClose });
    }
  };
  const reload = () => {
    if (latest) {
      setBase(latest);
      setForm(toForm(latest, defaultPosition));
    }
    update.reset();
  };

  const deskOptions = (desks.data ?? [])
    .filter((d) => d.active)
    .map((d) => ({ value: d.id, label: ja ? d.nameJa : d.nameEn }));
  const deskNames = new Map(deskOptions.map((d) => [d.value, d.label]));
  // With a named desk, only its staff make sense as assignees.
  const assignees = (users.data ?? [])
    .filter((u) => form.target !== 'desk' || !form.deskId || u.deskId === form.deskId)
    .map((u) => ({
      value: u.id,
      label: u.deskId ? `${u.displayName}(${deskNames.get(u.deskId) ?? u.deskId})` : u.displayName,
    }));
  const any = t('adminRouting.any');

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={
        base
          ? t('adminRouting.routing.editTitle', { name: base.name })
          : t('adminRouting.routing.add')
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component={ConsoleForm}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          submit();
        }}
      >
        {conflict && (
          <Alert color="yellow" role="alert" title={t('adminRouting.routing.conflictTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('adminRouting.routing.conflictBody')}</Text>
              {latest && (
                <Paper withBorder p="xs">
                  <Text size="xs" fw={700}>
                    {t('adminRouting.routing.conflictLatest')}: {latest.name}
                  </Text>
                  <RuleSentence rule={latest} />
                </Paper>
              )}
              <Group gap="xs">
                <Button size="xs" onClick={reload} disabled={!latest}>
                  {t('adminRouting.reload')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  disabled={!latest}
                  onClick={() => latest && submit(latest.version)}
                >
                  {t('adminRouting.routing.overwrite')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {gone && (
          <Alert color="yellow" role="alert" title={t('adminRouting.routing.goneTitle')}>
            <Button size="xs" variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
          </Alert>
        )}
        {save.error && !conflict && !gone && Object.keys(errors).length === 0 && (
          <ErrorAlert error={save.error} />
        )}
        <Grid>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label={t('adminRouting.routing.name')}
              required
              maxLength={100}
              value={form.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <NumberInput
              label={t('adminRouting.routing.position')}
              description={t('adminRouting.routing.positionHint')}
              required
              min={0}
              max={100000}
              allowDecimal={false}
              allowNegative={false}
              value={form.position}
              onChange={(v) => set('position', v)}
              error={errors.position}
            />
          </Grid.Col>
        </Grid>
        <Switch
          label={t('adminRouting.routing.active')}
          checked={form.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
        />
        <Fieldset legend={t('adminRouting.routing.conditions')}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('adminRouting.routing.conditionsHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect
                label={t('adminRouting.routing.channels')}
                data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
                value={form.channels.filter(isChannel)}
                onChange={(v) => set('channels', v)}
                placeholder={form.channels.length ? undefined : any}
                clearable
                error={errors.channels}
              />
              <MultiSelect
                label={t('adminRouting.routing.prefectures')}
                data={options.prefectures}
                value={form.prefectureCodes}
                onChange={(v) => set('prefectureCodes', v)}
                placeholder={form.prefectureCodes.length ? undefined : any}
                searchable
                clearable
                error={errors.prefectureCodes}
              />
              <MultiSelect
                label={t('adminRouting.routing.topics')}
                data={options.topics}
                value={form.topicCodes}
                onChange={(v) => set('topicCodes', v)}
                placeholder={form.topicCodes.length ? undefined : any}
                searchable
                clearable
                error={errors.topicCodes}
              />
              <MultiSelect
                label={t('adminRouting.routing.industries')}
                data={options.industries}
                value={form.industryCodes}
                onChange={(v) => set('industryCodes', v)}
                placeholder={form.industryCodes.length ? undefined : any}
                searchable
                clearable
                error={errors.industryCodes}
              />
              <Select
                label={t('adminRouting.routing.sme')}
                data={[
                  { value: 'any', label: any },
                  { value: 'yes', label: t('adminRouting.routing.smeValues.yes') },
                  { value: 'no', label: t('adminRouting.routing.smeValues.no') },
                ]}
                value={form.sme}
                onChange={(v) => set('sme', (v ?? 'any') as Sme)}
                allowDeselect={false}
                error={errors.sme}
              />
              <Select
                label={t('adminRouting.routing.loggedAt')}
                data={[
                  { value: 'any', label: any },
                  { value: 'national', label: t('adminRouting.routing.loggedAtValues.national') },
                  { value: 'regional', label: t('adminRouting.routing.loggedAtValues.regional') },
                ]}
                value={form.loggedAt}
                onChange={(v) => set('loggedAt', (v ?? 'any') as LoggedAt)}
                allowDeselect={false}
                error={errors.loggedAt}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Radio.Group
              label={t('adminRouting.routing.outcome')}
              value={form.target}
              onChange={(v) => set('target', v as Target)}
              error={errors.target}
            >
              <Stack gap="xs" mt={4}>
                {TARGETS.map((target) => (
                  <Radio
                    key={target}
                    value={target}
                    label={t(`adminRouting.routing.targets.${target}`)}
                    description={t(`adminRouting.routing.targetHints.${target}`)}
                  />
                ))}
              </Stack>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {form.target === 'desk' && (
                <Select
                  label={t('adminRouting.routing.desk')}
                  required
                  data={deskOptions}
                  value={form.deskId}
                  onChange={(v) => setForm((f) => ({ ...f, deskId: v, assigneeId: null }))}
                  error={errors.deskId}
                />
              )}
              <Select
                label={t('adminRouting.routing.assignee')}
                description={t('adminRouting.routing.assigneeHint')}
                data={assignees}
                value={form.assigneeId}
                onChange={(v) => set('assigneeId', v)}
                searchable
                clearable
                error={errors.assigneeId}
              />
            </SimpleGrid>
          </Stack>
        </Paper>
        <Paper withBorder p="sm" bg="gray.0" aria-live="polite">
          <Text size="xs" fw={700}>
            {t('adminRouting.routing.preview')}
          </Text>
          <RuleSentence rule={toShape(form)} />
        </Paper>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('adminRouting.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('adminRouting.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
