import { Anchor, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PossibleDuplicate } from '../organizations/api/organization-types';
import type { Organization } from '../organizations/api/use-organizations';
import { CorporateNumberField, validCorporateNumber } from './CorporateNumberField';
import { IntakeRegistryOffer } from './IntakeRegistryOffer';
import { NEW_ORGANIZATION as NEW } from './intake-draft';
import { NewOrganizationPanel } from './NewOrganizationPanel';
import { OrganizationSummary } from './OrganizationSummary';
import { OrganizationTypeahead } from './OrganizationTypeahead';
import type { IntakeFormState } from './use-intake-form';

/**
 * Which organization called: found by name or corporate number, or a new one (with the ones it
 * may duplicate); once picked, its past cases and session allowance.
 */
export function IntakeOrganizationSection({
  state,
  onPick,
  errors,
  unpicked,
  candidates,
  overrideMissing,
  onOverrideReasonTyped,
}: {
  state: IntakeFormState;
  /** Picking an organization (from any of the lists) also clears the save's duplicate state. */
  onPick: (organization: Organization | PossibleDuplicate) => void;
  errors: Record<string, string>;
  unpicked: boolean;
  candidates: PossibleDuplicate[];
  overrideMissing: boolean;
  onOverrideReasonTyped: () => void;
}) {
  const { t } = useTranslation();
  const { form, setForm, set, creating, picked, contacts } = state;
  const validNumber = validCorporateNumber(form.corporateNumber);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <OrganizationTypeahead
          search={form.search}
          onSearchChange={(text) =>
            // Typing again after a pick means the caller is someone else.
            setForm((f) =>
              f.organizationId && f.organizationId !== NEW
                ? { ...f, search: text, organizationId: null, contactId: null }
                : { ...f, search: text },
            )
          }
          onPick={onPick}
          onCreateNew={(name) =>
            setForm((f) => ({
              ...f,
              organizationId: NEW,
              contactId: null,
              newOrg: { ...f.newOrg, name },
            }))
          }
          onCorporateNumber={state.lookUpCorporateNumber}
          error={errors['organization.id'] ?? (creating ? undefined : errors['organization.name'])}
        />
        <CorporateNumberField
          value={form.corporateNumber}
          onChange={(v) => set('corporateNumber', v)}
          onFound={onPick}
          onNotFound={state.onCorporateNumberNew}
          pickedId={form.organizationId}
        />
      </SimpleGrid>
      {picked && (
        <>
          <Anchor component={Link} to={`/organizations/${picked}`} target="_blank" size="sm">
            {t('cases.openOrganization', { name: form.search })}
          </Anchor>
          <OrganizationSummary organizationId={picked} />
        </>
      )}
      {creating && validNumber && (
        <IntakeRegistryOffer
          corporateNumber={validNumber}
          value={form.newOrg}
          onUse={(filled) => set('newOrg', filled)}
        />
      )}
      {creating && (
        <NewOrganizationPanel
          value={form.newOrg}
          onChange={(v) => set('newOrg', v)}
          errors={errors}
          unpicked={unpicked}
          candidates={candidates}
          onPick={onPick}
          overrideReason={form.overrideReason}
          onOverrideReasonChange={(reason) => {
            set('overrideReason', reason);
            onOverrideReasonTyped();
          }}
          overrideMissing={overrideMissing}
        />
      )}
      {picked && contacts.data?.contactsHidden && (
        <Text size="xs" c="dimmed">
          {t('cases.contactsHidden')}
        </Text>
      )}
    </>
  );
}
