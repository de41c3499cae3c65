import { Anchor, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { toastDone } from '../../lib/toast';
import type { useOpenCase } from './api/use-events';

interface Attendee {
  id: string;
  name: string;
  status: string;
  caseId?: string | null;
  caseNumber?: string | null;
}

/**
 * An attendee's case: its number once opened, else the intake actions. "Book a session" is one
 * action from the attendee: it opens the seminar case when there is none yet and lands on the
 * case page with the booking dialog open (the allowance and the expert ranking live there).
 */
export function AttendeeCaseCell({
  attendee: r,
  openCase,
  canOpen,
}: {
  attendee: Attendee;
  openCase: ReturnType<typeof useOpenCase>;
  /** The staff who log cases, on an event they may manage, for a registration still standing. */
  canOpen: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const book = (caseId: string) => void navigate(`/cases/${caseId}?book=1`);
  const busy = openCase.isPending && openCase.variables === r.id;
  const open = (then?: (caseId: string) => void) =>
    openCase.mutate(r.id, {
      onSuccess: (opened) => {
        toastDone(t('events.caseOpened', { number: opened.caseNumber }));
        then?.(opened.caseId);
      },
    });
  if (r.caseId) {
    return (
      <Group gap="xs" wrap="nowrap">
        <Anchor component={Link} to={`/cases/${r.caseId}`} size="sm">
          {r.caseNumber}
        </Anchor>
        {canOpen && (
          <Button
            size="compact-xs"
            variant="subtle"
            aria-label={t('events.bookSessionFor', { name: r.name })}
            onClick={() => book(r.caseId!)}
          >
            {t('events.bookSession')}
          </Button>
        )}
      </Group>
    );
  }
  if (!canOpen) {
    return null;
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="compact-xs"
        variant="light"
        aria-label={t('events.openCaseFor', { name: r.name })}
        loading={busy}
        onClick={() => open()}
      >
        {t('events.openCase')}
      </Button>
      <Button
        size="compact-xs"
        variant="subtle"
        aria-label={t('events.bookSessionFor', { name: r.name })}
        disabled={busy}
        onClick={() => open(book)}
      >
        {t('events.bookSession')}
      </Button>
    </Group>
  );
}
