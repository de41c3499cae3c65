import {
  Alert,
  Button,
  Grid,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Text,
} from '@mantine/core';
import { TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../components/ConsoleForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import {
  isGone,
  isVersionConflict,
  type RoutingRule,
  useCreateRule,
  useRoutingRules,
  useUpdateRule,
} from './api/use-routing-rules';
import { type RuleForm, toBody, toForm, toShape } from './rule-form';
import { RuleConditionsFieldset } from './RuleConditionsFieldset';
import { RuleConflictAlert } from './RuleConflictAlert';
import { RuleOutcomeFields } from './RuleOutcomeFields';
import { RuleSentence } from './RuleSentence';

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
  const { t } = useTranslation();
  const rules = useRoutingRules();
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
          <RuleConflictAlert
            latest={latest}
            onReload={reload}
            onOverwrite={(l) => submit(l.version)}
          />
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
        <RuleConditionsFieldset form={form} set={set} errors={errors} />
        <RuleOutcomeFields
          form={form}
          set={set}
          onDesk={(deskId) => setForm((f) => ({ ...f, deskId, assigneeId: null }))}
          errors={errors}
        />
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
