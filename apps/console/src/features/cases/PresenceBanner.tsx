import { Alert } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Viewer {
  userId: string;
  name: string;
}

/**
 * Who else has this case open, pushed by the server (text/event-stream). EventSource
 * reconnects by itself after a network blip or a server restart.
 */
export function PresenceBanner({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  useEffect(() => {
    const source = new EventSource(`/api/cases/${caseId}/presence`);
    source.addEventListener('presence', (event) => {
      setViewers(JSON.parse((event as MessageEvent<string>).data) as Viewer[]);
    });
    return () => source.close();
  }, [caseId]);
  if (viewers.length === 0) {
    return null;
  }
  return (
    <Alert color="orange" variant="light" data-testid="presence" role="status">
      {t('presence.others', { names: viewers.map((v) => v.name).join('、') })}
    </Alert>
  );
}
