import { useSearchParams } from 'react-router';
import { CaseDetailPage } from '../../features/cases/CaseDetailPage';
import { SessionsPanel } from '../../features/expert-sessions/SessionsPanel';
import { CaseFollowUps } from '../../features/follow-ups/CaseFollowUps';
import { CaseMessages } from '../../features/mail/CaseMessages';
import { LegalHoldSection } from '../../features/stewardship/components/LegalHoldSection';

/**
 * The case page, with the mail, expert sessions, follow-ups and legal hold of their own features
 * slotted in; `?book=1` opens the session booking at once.
 */
export function CaseDetailRoute() {
  // `?book=1`: arrived to book a session (an event's attendee, "book a first session").
  const [search] = useSearchParams();
  return (
    <CaseDetailPage
      sessions={(value) => (
        <SessionsPanel
          caseId={value.id}
          deskId={value.deskId}
          organization={value.organization}
          startBooking={search.get('book') === '1'}
        />
      )}
      followUps={(value, canWrite) => <CaseFollowUps caseId={value.id} canWrite={canWrite} />}
      legalHold={(value) => <LegalHoldSection targetType="case" targetId={value.id} />}
      messages={(value, canWrite) => (
        <CaseMessages
          caseId={value.id}
          caseNumber={value.number}
          contactName={value.contact?.name ?? null}
          contactEmail={value.contact?.email ?? null}
          canWrite={canWrite}
        />
      )}
    />
  );
}
