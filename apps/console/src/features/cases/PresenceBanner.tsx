import { Alert } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseKeys } from './api/use-cases';

interface Viewer {
  userId: string;
  name: string;
}

/**
 * Who else has this case open, pushed by the server (text/event-stream). EventSource
 * reconnects by itself after a network blip or a server restart. The same stream says when
 * anyone saved the case: the page refetches it (and its timeline, sessions…), so it is never
 * stale until a save fails; an edit in progress keeps the user's words (see CaseEditForm).
 */
export function PresenceBanner({ caseId, version }: { caseId: string; version: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  // The version on screen: the page's own saves come back as events too, and need no refetch.
  const shown = useRef(version);
  useEffect(() => {
    shown.current = version;
  }, [version]);
  useEffect(() => {
    const source = new EventSource(`/api/cases/${caseId}/presence`);
    source.addEventListener('presence', (event) => {
      setViewers(JSON.parse((event as MessageEvent<string>).data) as Viewer[]);
    });
    source.addEventListener('case', (event) => {
      const changed = JSON.parse((event as MessageEvent<string>).data) as { version: number };
      if (changed.version > shown.current) {
        void client.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
      }
    });
    return () => source.close();
  }, [caseId, client]);
  if (viewers.length === 0) {
    return null;
  }
  return (
    <Alert color="orange" variant="light" data-testid="presence" role="status">
      {t('presence.others', { names: viewers.map((v) => v.name).join('、') })}
    </Alert>
  );
}
