import { Button, Group, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateTimeFields';
import { ConsoleForm } from '../../components/ConsoleForm';

export interface AuditSearch {
  actorEmail?: string;
  caseNumber?: string;
  action?: string;
  /** Instants (ISO): from the start of the first Tokyo day to the end of the last. */
  from?: string;
  to?: string;
}

const DAY_MS = 86_400_000;
const tokyoMidnight = (day: string) => new Date(`${day}T00:00:00+09:00`).getTime();

/** The search applies when sent, not at each keystroke: the trail is long. */
export function AuditFilterForm({ onSearch }: { onSearch: (search: AuditSearch) => void }) {
  const { t } = useTranslation();
  const [actorEmail, setActorEmail] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({
      ...(actorEmail.trim() ? { actorEmail: actorEmail.trim() } : {}),
      ...(caseNumber.trim() ? { caseNumber: caseNumber.trim() } : {}),
      ...(action.trim() ? { action: action.trim() } : {}),
      ...(from ? { from: new Date(tokyoMidnight(from)).toISOString() } : {}),
      ...(to ? { to: new Date(tokyoMidnight(to) + DAY_MS).toISOString() } : {}),
    });
  };
  return (
    <Group
      component={ConsoleForm}
      onSubmit={submit}
      align="flex-end"
      gap="sm"
      role="search"
      aria-label={t('audit.title')}
    >
      <TextInput
        label={t('audit.person')}
        type="email"
        value={actorEmail}
        onChange={(e) => setActorEmail(e.currentTarget.value)}
        w={240}
      />
      <TextInput
        label={t('audit.caseNumber')}
        placeholder="2026-000123"
        value={caseNumber}
        onChange={(e) => setCaseNumber(e.currentTarget.value)}
        w={150}
      />
      <TextInput
        label={t('audit.action')}
        placeholder={t('audit.actionHint')}
        value={action}
        onChange={(e) => setAction(e.currentTarget.value)}
        w={220}
      />
      <DateField label={t('audit.from')} value={from} onChange={setFrom} w={190} clearable />
      <DateField label={t('audit.to')} value={to} onChange={setTo} w={190} clearable />
      <Button type="submit">{t('audit.search')}</Button>
    </Group>
  );
}
