import { ATTENDEE_FIELDS } from '@madoguchi/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isKeyOf } from '../../i18n/keys';
import { ja } from '../../i18n/ja';
import { toastDone } from '../../lib/toast';
import { type AttendeeMapping, type ImportResult, useImportAttendees } from './api/use-events';

const ACTION_COLOR = { create: 'blue.9', match: 'green.9', reject: 'red.9' } as const;

/** The file's bytes as base64, as the import endpoint takes them. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * A partner's attendee list: read it, map its columns, preview what each row becomes (a new
 * organization, one on file, or rejected with its reasons) and only then import it.
 */
export function EventImportPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const run = useImportAttendees(id);
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [mapping, setMapping] = useState<AttendeeMapping | undefined>(undefined);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [committed, setCommitted] = useState<ImportResult | null>(null);

  const dryRun = (contentBase64: string, nextMapping?: AttendeeMapping) => {
    setCommitted(null);
    run.mutate(
      {
        dryRun: true,
        body: { fileName: file?.name ?? 'list.csv', contentBase64, mapping: nextMapping },
      },
      { onSuccess: (result) => setPreview(result) },
    );
  };
  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setCommitted(null);
    setMapping(undefined);
    if (chosen) {
      const encoded = await base64Of(chosen);
      setContent(encoded);
      dryRun(encoded);
    }
  };
  const remap = (field: (typeof ATTENDEE_FIELDS)[number], column: string | null) => {
    if (!content || !preview) {
      return;
    }
    const next: AttendeeMapping = { ...preview.mapping };
    delete next[field];
    // A column chosen for one field is taken from any other.
    for (const key of ATTENDEE_FIELDS) {
      if (column !== null && next[key] === Number(column)) {
        delete next[key];
      }
    }
    if (column !== null) {
      next[field] = Number(column);
    }
    setMapping(next);
    dryRun(content, next);
  };
  const commit = () => {
    if (!content) {
      return;
    }
    run.mutate(
      {
        dryRun: false,
        body: { fileName: file?.name ?? 'list.csv', contentBase64: content, mapping },
      },
      {
        onSuccess: (result) => {
          setCommitted(result);
          setPreview(null);
          toastDone(
            t('events.import.committed', { count: result.totals.rows - result.totals.reject }),
          );
        },
      },
    );
  };
  const download = (result: ImportResult) => {
    const url = URL.createObjectURL(new Blob([result.rejectedCsv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `rejected-${file?.name.replace(/\.[^.]+$/, '') ?? 'attendees'}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };
  const reason = (code: string) =>
    isKeyOf(ja.events.import.rejectReasons, code) ? t(`events.import.rejectReasons.${code}`) : code;
  const matchedOn = (code: string) =>
    isKeyOf(ja.events.import.matchedOn, code) ? t(`events.import.matchedOn.${code}`) : code;
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
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label={t('events.import.preview')} data-testid="import-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('events.import.line')}</Table.Th>
                  <Table.Th>{t('events.import.action')}</Table.Th>
                  <Table.Th>{t('events.import.fields.organizationName')}</Table.Th>
                  <Table.Th>{t('events.import.fields.name')}</Table.Th>
                  <Table.Th>{t('events.import.fields.email')}</Table.Th>
                  <Table.Th>{t('events.import.matched')}</Table.Th>
                  <Table.Th>{t('events.import.reasons')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.rows.map((row) => (
                  <Table.Tr key={row.line} data-testid="import-row">
                    <Table.Td>{row.line}</Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color={ACTION_COLOR[row.action]}>
                        {t(`events.import.actions.${row.action}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{row.organizationName ?? ''}</Table.Td>
                    <Table.Td>{row.name ?? ''}</Table.Td>
                    <Table.Td>{row.email ?? ''}</Table.Td>
                    <Table.Td>
                      {row.matchedOrganizationName
                        ? `${row.matchedOrganizationName}(${row.matchedOn.map(matchedOn).join('・')})`
                        : ''}
                    </Table.Td>
                    <Table.Td>{row.reasons.map(reason).join(' / ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Stack>
  );
}
