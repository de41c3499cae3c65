import { ATTENDEE_FIELDS } from '@madoguchi/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toastDone } from '../../lib/toast';
import { type AttendeeMapping, type ImportResult, useImportAttendees } from './api/use-events';

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
 * An attendee list's import in its steps: a chosen file is previewed at once (a dry run), each
 * remapped column previews again, and only the commit imports; the rejected rows download as CSV.
 */
export function useAttendeeImport(eventId: string) {
  const { t } = useTranslation();
  const run = useImportAttendees(eventId);
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

  return { run, file, preview, committed, choose, remap, commit, download };
}
