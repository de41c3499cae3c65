import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrors } from '../../../lib/field-errors';
import { type SubjectQuery, useSubjectSearch } from '../api/use-stewardship';
import { ErasurePanel } from './ErasurePanel';
import { SubjectSearchResult } from './SubjectSearchResult';

/** Looks a person up by email, phone or name (on purpose: each search is audited). */
export function SubjectSearchSection() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [query, setQuery] = useState<SubjectQuery | null>(null);
  const search = useSubjectSearch(query);
  const errors = fieldErrors(search.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery({
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(name.trim() ? { name: name.trim() } : {}),
    });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="subject-search-title">
      <Stack>
        <Title order={3} id="subject-search-title">
          {t('dataSubjects.search')}
        </Title>
        <Text size="sm">{t('dataSubjects.searchNote')}</Text>
        <form onSubmit={submit} noValidate role="search" aria-labelledby="subject-search-title">
          <Group align="flex-start">
            <TextInput
              label={t('dataSubjects.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
            />
            <TextInput
              label={t('dataSubjects.phone')}
              type="tel"
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              error={errors.phone}
            />
            <TextInput
              label={t('dataSubjects.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            <Button type="submit" mt={24} loading={search.isFetching}>
              {t('dataSubjects.find')}
            </Button>
          </Group>
        </form>
        {search.error && Object.keys(errors).length === 0 && <ErrorAlert error={search.error} />}
        {search.data && <SubjectSearchResult result={search.data} />}
        {search.data && <ErasurePanel key={JSON.stringify(query)} result={search.data} />}
      </Stack>
    </Paper>
  );
}
