import { Button, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { fieldErrors } from '../../lib/field-errors';
import { toastDone } from '../../lib/toast';
import { type ReportTarget, useReportTargets, useUpdateReportTarget } from './api/use-program';

/** The government reference figures the outcomes report shows beside its own rates. */
export function ReportTargetsSection() {
  const { t, i18n } = useTranslation();
  const targets = useReportTargets();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="report-targets-title">
      <Stack>
        <Title order={3} id="report-targets-title">
          {t('program.targets')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('program.targetsNote')}
        </Text>
        <ErrorAlert error={targets.error} />
        {targets.isPending ? (
          <PageLoader />
        ) : (
          <Table aria-labelledby="report-targets-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('program.target')}</Table.Th>
                <Table.Th>{t('program.year')}</Table.Th>
                <Table.Th>{t('program.rate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(targets.data?.items ?? []).map((target) => (
                <TargetRow
                  key={`${target.code}-${target.version}`}
                  target={target}
                  label={i18n.language === 'ja' ? target.labelJa : target.labelEn}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

function TargetRow({ target, label }: { target: ReportTarget; label: string }) {
  const { t } = useTranslation();
  const update = useUpdateReportTarget();
  const [year, setYear] = useState<number | string>(target.year);
  const [rate, setRate] = useState<number | string>(target.ratePercent);
  const errors = fieldErrors(update.error);
  const changed = Number(year) !== target.year || Number(rate) !== target.ratePercent;
  return (
    <Table.Tr>
      <Table.Td>
        {label}
        {update.error && Object.keys(errors).length === 0 && <ErrorAlert error={update.error} />}
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`${label}: ${t('program.year')}`}
          min={2000}
          max={2100}
          value={year}
          onChange={setYear}
          error={errors.year}
          w={110}
        />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <NumberInput
            aria-label={`${label}: ${t('program.rate')}`}
            min={0}
            max={100}
            decimalScale={2}
            value={rate}
            onChange={setRate}
            error={errors.ratePercent}
            w={110}
          />
          <Button
            size="xs"
            disabled={!changed}
            loading={update.isPending}
            aria-label={`${label}: ${t('program.save')}`}
            onClick={() =>
              update.mutate(
                {
                  code: target.code,
                  body: { version: target.version, year: Number(year), ratePercent: Number(rate) },
                },
                { onSuccess: () => toastDone(t('program.saved')) },
              )
            }
          >
            {t('program.save')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
