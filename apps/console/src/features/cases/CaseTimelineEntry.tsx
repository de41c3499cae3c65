import { Button, Checkbox, Group, Select, Stack, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toastDone } from '../../lib/toast';
import { fieldErrors } from '../../lib/field-errors';
import { useAddEvent } from './api/use-cases';
import { ConsoleForm } from '../../components/ConsoleForm';

export function AddEntry({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const add = useAddEvent(caseId);
  const [kind, setKind] = useState<'note' | 'call' | 'email_in' | 'email_out'>('note');
  const [body, setBody] = useState('');
  const [isAnswer, setIsAnswer] = useState(false);
  const errors = fieldErrors(add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { kind, body, isAnswer: kind === 'note' ? isAnswer : undefined },
      { onSuccess: () => (setBody(''), toastDone(t('cases.entryAdded'))) },
    );
  };
  return (
    <Stack component={ConsoleForm} onSubmit={submit} mt="md" gap="xs">
      <Title order={4} size="h5">
        {t('cases.addEntry')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('cases.entryKind')}
          data={(['note', 'call', 'email_in', 'email_out'] as const).map((k) => ({
            value: k,
            label: t(`cases.kinds.${k}`),
          }))}
          value={kind}
          onChange={(v) => v && setKind(v as typeof kind)}
          allowDeselect={false}
          w={160}
        />
        {kind === 'note' && (
          <Checkbox
            label={t('cases.isAnswer')}
            checked={isAnswer}
            onChange={(e) => setIsAnswer(e.currentTarget.checked)}
          />
        )}
      </Group>
      <Textarea
        label={t('cases.body')}
        autosize
        minRows={2}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={errors.body}
      />
      <Group justify="flex-end">
        <Button type="submit" loading={add.isPending}>
          {t('cases.add')}
        </Button>
      </Group>
    </Stack>
  );
}
