import { Button, Group, NumberInput, Paper, Select, Stack, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { fieldErrors } from '../../lib/field-errors';
import { toastDone } from '../../lib/toast';
import {
  type SessionSettings,
  useSessionSettings,
  useUpdateSessionSettings,
} from './api/use-program';

const PERIODS = ['lifetime', 'fiscal_year'] as const;

export function SessionLimitSection() {
  const { t } = useTranslation();
  const settings = useSessionSettings();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="session-limit-title">
      <Stack>
        <Title order={3} id="session-limit-title">
          {t('program.sessions')}
        </Title>
        <ErrorAlert error={settings.error} />
        {settings.data ? (
          // Keyed by version: a save (or someone else's) starts the form from what is stored.
          <SessionLimitForm key={settings.data.version} settings={settings.data} />
        ) : (
          !settings.error && <PageLoader />
        )}
      </Stack>
    </Paper>
  );
}

function SessionLimitForm({ settings }: { settings: SessionSettings }) {
  const { t } = useTranslation();
  const update = useUpdateSessionSettings();
  const [limit, setLimit] = useState<number | string>(settings.limit);
  const [period, setPeriod] = useState(settings.period);
  const errors = fieldErrors(update.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        version: settings.version,
        limit: Number(limit),
        period,
      },
      { onSuccess: () => toastDone(t('program.saved')) },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {update.error && Object.keys(errors).length === 0 && <ErrorAlert error={update.error} />}
        <Group align="flex-end">
          <NumberInput
            label={t('program.limit')}
            min={0}
            max={20}
            value={limit}
            onChange={setLimit}
            error={errors.limit}
            w={200}
          />
          <Select
            label={t('program.period')}
            data={PERIODS.map((p) => ({ value: p, label: t(`program.periods.${p}`) }))}
            value={period}
            onChange={(v) => v && setPeriod(v as (typeof PERIODS)[number])}
            allowDeselect={false}
            error={errors.period}
            w={260}
          />
          <Button type="submit" loading={update.isPending}>
            {t('program.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
