import { ATTENDEE_FIELDS } from '@madoguchi/domain';
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ImportPreviewTable } from './ImportPreviewTable';
import { useAttendeeImport } from './use-attendee-import';

/**
 * A partner's attendee list: read it, map its columns, preview what each row becomes (a new
 * organization, one on file, or rejected with its reasons) and only then import it.
 */
export function EventImportPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const { run, file, preview, committed, choose, remap, commit, download } = useAttendeeImport(id);
  const shown = committed ?? preview;

  return (
    <Stack>
      <Anchor component={Link} to={`/events/${id}`} size="sm">
        {t('events.backToEvent')}
      </Anchor>
      <Title order={2}>{t('events.import.title')}</Title>
      <FileInput
        label={t('events.import.file')}
        description={t('events.import.fileHint')}
        accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={(f) => void choose(f)}
        maw={480}
      />
      <ErrorAlert error={run.error} />
      {preview && (
        <Stack gap="xs">
          <Title order={3}>{t('events.import.mapping')}</Title>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {ATTENDEE_FIELDS.map((field) => (
              <Select
                key={field}
                label={t(`events.import.fields.${field}`)}
                data={[
                  { value: '', label: t('events.import.notMapped') },
                  ...preview.headers.map((h, i) => ({ value: String(i), label: h || `#${i + 1}` })),
                ]}
                value={preview.mapping[field] === undefined ? '' : String(preview.mapping[field])}
                allowDeselect={false}
                onChange={(v) => remap(field, v ? v : null)}
              />
            ))}
          </SimpleGrid>
          {preview.unmapped.length > 0 && (
            <Alert color="yellow">{t('events.import.unmapped')}</Alert>
          )}
        </Stack>
      )}
      {shown && (
        <Stack gap="xs">
          <Title order={3}>
            {committed ? t('events.import.title') : t('events.import.preview')}
          </Title>
          <Text data-testid="import-totals">{t('events.import.totals', shown.totals)}</Text>
          <Group>
            {preview && (
              <Button
                onClick={commit}
                loading={run.isPending}
                disabled={preview.totals.rows === preview.totals.reject}
              >
                {t('events.import.commit')}
              </Button>
            )}
            {shown.totals.reject > 0 && (
              <Button variant="light" onClick={() => download(shown)}>
                {t('events.import.downloadRejected')}
              </Button>
            )}
            {committed && (
              <Button component={Link} to={`/events/${id}`} variant="light">
                {t('events.backToEvent')}
              </Button>
            )}
          </Group>
          <ImportPreviewTable rows={shown.rows} />
        </Stack>
      )}
    </Stack>
  );
}
