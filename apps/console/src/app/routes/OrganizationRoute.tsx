import { OrganizationPage } from '../../features/organizations/OrganizationPage';
import { LegalHoldSection } from '../../features/stewardship/components/LegalHoldSection';

/** The organization page, with the legal hold of the stewardship feature slotted in. */
export function OrganizationRoute() {
  return (
    <OrganizationPage
      legalHold={(organizationId) => (
        <LegalHoldSection targetType="organization" targetId={organizationId} />
      )}
    />
  );
}
