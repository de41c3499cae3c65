import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RequestsSection } from './components/RequestsSection';
import { SubjectSearchSection } from './components/SubjectSearchSection';

/** Requests from the people in the data (APPI): the record of each, and the search behind an answer. */
export function DataSubjectsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('dataSubjects.title')}</Title>
      <RequestsSection />
      <SubjectSearchSection />
    </Stack>
  );
}
