import { normalizeCorporateNumber } from '@madoguchi/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAttemptErrors } from '../../lib/attempt-errors';
import { fieldErrors } from '../../lib/field-errors';
import {
  type PossibleDuplicate,
  possibleDuplicates,
} from '../organizations/api/organization-types';
import {
  type DuplicateCandidate,
  fetchDuplicates,
  useDuplicateCandidates,
} from '../organizations/api/use-organizations';
import { useIntake } from './api/use-cases';
import { validCorporateNumber } from './CorporateNumberField';
import { intakeBody, NEW_ORGANIZATION as NEW } from './intake-draft';
import { AUTO_DESK, useIntakeDesk } from './use-intake-desk';
import type { IntakeFormState } from './use-intake-form';

export interface SavedState {
  saved?: { id: string; number: string };
}

const asPossible = (c: DuplicateCandidate): PossibleDuplicate => ({
  id: c.organization.id,
  name: c.organization.name,
  prefectureCode: c.organization.prefectureCode,
  corporateNumber: c.organization.corporateNumber,
  matchedOn: c.reasons,
});

/**
 * Saving an intake: the console's own required checks, typed digits looked up as a corporate
 * number, typed text never silently becoming a new organization, the duplicate check before
 * creating one, and after saving either the case or a new intake.
 */
export function useIntakeSave(state: IntakeFormState) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const intake = useIntake();
  const { form, setForm, creating, picked, guard, lookUpCorporateNumber } = state;
  const { organizationId, newOrg, contact } = form;
  const desk = useIntakeDesk(state.desks.data);

  // Candidates found at save time (the check before sending, or the API's 409).
  const [savedCandidates, setSavedCandidates] = useState<PossibleDuplicate[]>([]);
  const [overrideMissing, setOverrideMissing] = useState(false);
  // Saved with typed text that was never picked: the panel opened instead of a silent create.
  const [unpicked, setUnpicked] = useState(false);
  const [checking, setChecking] = useState(false);
  const resetCandidates = () => {
    setSavedCandidates([]);
    setOverrideMissing(false);
    setUnpicked(false);
  };

  const { attempt, shown } = useAttemptErrors({
    'organization.id': organizationId,
    ...Object.fromEntries(Object.entries(newOrg).map(([k, v]) => [`organization.${k}`, v])),
    'organization.name': creating ? newOrg.name : form.search,
    'contact.name': contact.name,
    'contact.phone': contact.phone,
    'contact.email': contact.email,
    receivedAt: form.receivedAt,
    topics: form.topics,
    subject: form.subject,
    description: form.description,
  });
  const validNumber = validCorporateNumber(form.corporateNumber);
  const duplicateQuery = {
    name: newOrg.name,
    phone: newOrg.phone,
    email: contact.email,
    corporateNumber: validNumber ?? undefined,
  };
  const duplicates = useDuplicateCandidates(creating ? duplicateQuery : {});
  const candidates = [
    ...savedCandidates,
    ...(creating ? (duplicates.data ?? []).map(asPossible) : []).filter(
      (c) => !savedCandidates.some((s) => s.id === c.id),
    ),
  ];

  // Which button saved, for its spinner.
  const [savingAndNew, setSavingAndNew] = useState(false);
  const submit = (saveAndNew: boolean) => {
    if (intake.isPending || checking) {
      return;
    }
    setSavingAndNew(saveAndNew);
    const typed = form.search.trim();
    // The console's own required checks, in place of the browser's bubbles (the form is
    // noValidate): named next to each field, in the user's language, all at once.
    const missing: Record<string, string> = {};
    if (!organizationId && !typed) {
      missing['organization.name'] = t('fieldError.required');
    }
    if (form.topics.length === 0) {
      missing.topics = t('fieldError.arrayMinSize', { min: 1 });
    }
    if (!form.subject.trim()) {
      missing.subject = t('fieldError.required');
    }
    intake.reset();
    attempt(missing);
    if (Object.keys(missing).length > 0) {
      return;
    }
    // Thirteen digits typed and never picked are looked up as a corporate number.
    const typedNumber = organizationId ? null : normalizeCorporateNumber(typed);
    if (typedNumber) {
      lookUpCorporateNumber(typedNumber);
      setUnpicked(true);
      return;
    }
    // Typed text that is not a picked organization never becomes one silently: the
    // new-organization panel opens (with any likely duplicates) and the user saves again.
    if (!organizationId && typed) {
      setForm((f) => ({
        ...f,
        organizationId: NEW,
        newOrg: { ...f.newOrg, name: f.newOrg.name || typed },
      }));
      setUnpicked(true);
      return;
    }
    if (creating && !form.overrideReason.trim()) {
      // Checked now as well, not only as typed: the debounced list may not have arrived yet.
      setChecking(true);
      void fetchDuplicates({ ...duplicateQuery, name: newOrg.name || typed })
        .then(
          (found) => found.map(asPossible),
          // The API checks again on create, so a failed look-up does not block the call.
          () => [],
        )
        .then((found) => {
          setChecking(false);
          if (found.length > 0) {
            setSavedCandidates(found);
            setOverrideMissing(true);
            return;
          }
          send(saveAndNew);
        });
      return;
    }
    send(saveAndNew);
  };

  const send = (saveAndNew: boolean) => {
    desk.remember();
    intake.mutate(
      {
        idempotencyKey: form.idempotencyKey,
        body: intakeBody(form, {
          picked,
          corporateNumber: validNumber,
          deskId: desk.chosenDesk === AUTO_DESK ? null : desk.chosenDesk,
          now: Date.now(),
        }),
      },
      {
        onSuccess: (created) => {
          guard.release();
          guard.discard();
          if (saveAndNew) {
            void navigate('/intake', {
              state: { saved: { id: created.id, number: created.number } } satisfies SavedState,
            });
          } else {
            void navigate(`/cases/${created.id}`);
          }
        },
        onError: (error) => {
          const found = possibleDuplicates(error);
          if (found) {
            setSavedCandidates(found);
            setOverrideMissing(!form.overrideReason.trim());
          }
        },
      },
    );
  };

  const errors = shown(fieldErrors(intake.error));
  return {
    intake,
    submit,
    errors,
    duplicateConflict: possibleDuplicates(intake.error) !== null,
    busy: intake.isPending || checking,
    savingAndNew,
    desk,
    candidates,
    unpicked,
    overrideMissing,
    clearOverrideMissing: () => setOverrideMissing(false),
    resetCandidates,
  };
}
