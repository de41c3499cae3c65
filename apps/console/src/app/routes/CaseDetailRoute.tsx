import { CaseDetailPage } from '../../features/cases/CaseDetailPage';
import { SessionsPanel } from '../../features/expert-sessions/SessionsPanel';
import { CaseFollowUps } from '../../features/follow-ups/CaseFollowUps';
import { CaseMessages } from '../../features/mail/CaseMessages';

/** The case page, with the mail, expert sessions and follow-ups of their own features slotted in. */
export function CaseDetailRoute() {
  return (
    <CaseDetailPage
      sessions={(value) => (
        <SessionsPanel caseId={value.id} deskId={value.deskId} organization={value.organization} />
      )}
      followUps={(value, canWrite) => <CaseFollowUps caseId={value.id} canWrite={canWrite} />}
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
