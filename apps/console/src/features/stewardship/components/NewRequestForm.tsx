import {
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../components/DateTimeFields';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrors } from '../../../lib/field-errors';
import { toastDone } from '../../../lib/toast';
import { useCreateDataSubjectRequest } from '../api/use-stewardship';
import { tokyoDay } from './tokyo-day';

const KINDS = ['disclosure', 'correction', 'stop_of_use', 'erasure'] as const;
const DAY_MS = 86_400_000;

/** A request as the desk received it: kind, requester, dates. */
export function NewRequestForm() {
  const { t } = useTranslation();
  const create = useCreateDataSubjectRequest();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('disclosure');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [receivedOn, setReceivedOn] = useState(() => tokyoDay(new Date()));
  // APPI asks for an answer without delay; two weeks is the desk's own working target.
  const [dueOn, setDueOn] = useState(() => tokyoDay(new Date(Date.now() + 14 * DAY_MS)));
  const [notes, setNotes] = useState('');
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        kind,
        requesterName: name,
        requesterEmail: email || undefined,
        requesterPhone: phone || undefined,
        receivedAt: receivedOn ? new Date(`${receivedOn}T09:00:00+09:00`).toISOString() : '',
        dueOn,
        notes,
      },
      {
        onSuccess: () => {
          toastDone(t('dataSubjects.created'));
          setName('');
          setEmail('');
          setPhone('');
          setNotes('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-request-title">
      <Stack gap="sm">
        <Title order={4} id="new-request-title">
          {t('dataSubjects.newRequest')}
        </Title>
        {create.error && Object.keys(errors).length === 0 && <ErrorAlert error={create.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <Select
            label={t('dataSubjects.kind')}
            data={KINDS.map((k) => ({ value: k, label: t(`dataSubjects.kinds.${k}`) }))}
            value={kind}
            allowDeselect={false}
            onChange={(v) => v && setKind(v as (typeof KINDS)[number])}
            error={errors.kind}
          />
          <TextInput
            label={t('dataSubjects.requesterName')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.requesterName}
          />
          <TextInput
            label={t('dataSubjects.requesterEmail')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.requesterEmail}
          />
          <TextInput
            label={t('dataSubjects.requesterPhone')}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={errors.requesterPhone}
          />
          <DateField
            label={t('dataSubjects.receivedAt')}
            value={receivedOn}
            onChange={setReceivedOn}
            error={errors.receivedAt}
          />
          <DateField
            label={t('dataSubjects.dueOn')}
            value={dueOn}
            onChange={setDueOn}
            error={errors.dueOn}
          />
        </SimpleGrid>
        <Textarea
          label={t('dataSubjects.notes')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.notes}
          autosize
          minRows={2}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('dataSubjects.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
