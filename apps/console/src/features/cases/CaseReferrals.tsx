import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toastDone } from '../../lib/toast';
import { fieldErrors } from '../../lib/field-errors';
import { useRefer, useReferralPrograms, useReferrals } from './api/use-cases';
import { ConsoleForm } from '../../components/ConsoleForm';

/** Support programs the caller was guided to: subsidies, centers, awards, guidelines. */
export function Referrals({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  const referrals = useReferrals(caseId);
  // Experts may not read the catalogue, and only those who refer need it.
  const programs = useReferralPrograms(canWrite);
  const refer = useRefer(caseId);
  const [programId, setProgramId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const errors = fieldErrors(refer.error);
  const already = new Set((referrals.data ?? []).map((r) => r.program.id));
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        {t('cases.referrals')}
      </Title>
      {(referrals.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cases.noReferrals')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" style={{ paddingLeft: '1.2em', margin: 0 }}>
          {(referrals.data ?? []).map((r) => (
            <li key={r.id}>
              <Text size="sm">
                {ja ? r.program.nameJa : r.program.nameEn}（{r.program.fiscalYear}）
                {r.note && ` — ${r.note}`}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {canWrite && (
        <Group
          align="flex-end"
          mt="sm"
          component={ConsoleForm}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (programId) {
              refer.mutate(
                { programId, note: note || undefined },
                {
                  onSuccess: () => (
                    setProgramId(null),
                    setNote(''),
                    toastDone(t('cases.referred'))
                  ),
                },
              );
            }
          }}
        >
          <Select
            label={t('cases.program')}
            searchable
            required
            style={{ flex: 2 }}
            data={(programs.data ?? []).map((p) => ({
              value: p.id,
              label: `${ja ? p.nameJa : p.nameEn}（${p.fiscalYear}）`,
              disabled: already.has(p.id),
            }))}
            value={programId}
            onChange={setProgramId}
            error={errors.programId}
          />
          <TextInput
            label={t('cases.note')}
            style={{ flex: 2 }}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <Button type="submit" variant="default" loading={refer.isPending} disabled={!programId}>
            {t('cases.refer')}
          </Button>
        </Group>
      )}
      {refer.error && Object.keys(errors).length === 0 && <ErrorAlert error={refer.error} />}
    </Card>
  );
}
