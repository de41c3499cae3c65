import { Button, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrors } from '../../../lib/field-errors';
import { formatDateTime } from '../../../lib/format-date';
import { toastDone } from '../../../lib/toast';
import { type RetentionOverview, useUpdateRetention } from '../api/use-stewardship';

/** The term of each data class, in fiscal years, with what it reaches today. */
export function PolicyForm({ overview }: { overview: RetentionOverview }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateRetention();
  const [years, setYears] = useState<Record<string, number | string>>(() =>
    Object.fromEntries(overview.policy.map((p) => [p.dataClass, p.fiscalYears])),
  );
  const errors = fieldErrors(update.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        terms: overview.policy.map((p) => ({
          dataClass: p.dataClass,
          fiscalYears: Number(years[p.dataClass]),
        })),
      },
      { onSuccess: () => toastDone(t('stewardship.saved')) },
    );
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="retention-policy-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} id="retention-policy-title">
            {t('stewardship.policy')}
          </Title>
          <Text size="sm">{t('stewardship.policyNote')}</Text>
          {update.error && Object.keys(errors).length === 0 && <ErrorAlert error={update.error} />}
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stewardship.dataClass')}</Table.Th>
                <Table.Th>{t('stewardship.fiscalYears')}</Table.Th>
                <Table.Th>{t('stewardship.cutoff')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overview.policy.map((p, i) => (
                <Table.Tr key={p.dataClass}>
                  <Table.Td id={`retention-class-${p.dataClass}`}>
                    {t(`stewardship.classes.${p.dataClass}`)}
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-labelledby={`retention-class-${p.dataClass}`}
                      min={1}
                      max={30}
                      w={120}
                      value={years[p.dataClass]}
                      onChange={(v) => setYears((y) => ({ ...y, [p.dataClass]: v }))}
                      error={errors[`terms.${i}.fiscalYears`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    {t('stewardship.cutoffBefore', {
                      date: formatDateTime(p.cutoff, i18n.language),
                    })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('stewardship.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
