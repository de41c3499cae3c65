import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, missingRequired } from '../../lib/field-errors';
import { toastDone } from '../../lib/toast';
import {
  type PlanActivity,
  type PlanActivityFields,
  type PlanParty,
  useCreatePlanActivity,
  useUpdatePlanActivity,
} from './api/use-partner-plans';

/** What the activity form holds while it is typed; an empty figure is a blank number input. */
export interface ActivityDraft {
  party: PlanParty;
  deskId: string | null;
  partyName: string;
  title: string;
  description: string;
  unit: string;
  target: number | string;
  achieved: number | string;
}

const toNumber = (v: number | string): number | null => (typeof v === 'number' ? v : null);

const draftOf = (activity: PlanActivity | null): ActivityDraft => ({
  party: (activity?.party as PlanParty) ?? 'chamber_of_commerce',
  deskId: activity?.partyDeskId ?? null,
  partyName: activity?.partyName ?? '',
  title: activity?.title ?? '',
  description: activity?.description ?? '',
  unit: activity?.unit ?? '',
  target: activity?.target ?? '',
  achieved: activity?.achieved ?? '',
});

/**
 * The activity form's values and its save: a new activity of the fiscal year, or the edit of an
 * existing one under its version. The title (and a regional desk's desk) are checked here first.
 */
export function useActivityForm(
  fiscalYear: number,
  activity: PlanActivity | null,
  onSaved: () => void,
) {
  const { t } = useTranslation();
  const create = useCreatePlanActivity();
  const update = useUpdatePlanActivity();
  const [draft, setDraft] = useState(() => draftOf(activity));
  const set = <K extends keyof ActivityDraft>(key: K, value: ActivityDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const [missing, setMissing] = useState<Record<string, string>>({});
  const filled = (field: string) => setMissing(({ [field]: _, ...rest }) => rest);
  const saving = activity ? update : create;
  const errors = fieldErrors(saving.error);

  const submit = () => {
    const { party, deskId, partyName, title, description, unit, target, achieved } = draft;
    const blank = missingRequired({
      title: title.trim(),
      ...(party === 'regional_desk' ? { partyDeskId: deskId } : {}),
    });
    setMissing(blank);
    if (Object.keys(blank).length > 0) {
      return;
    }
    const fields: Omit<PlanActivityFields, 'fiscalYear'> = {
      party,
      partyDeskId: party === 'regional_desk' ? deskId : null,
      partyName: partyName.trim() || null,
      title: title.trim(),
      description,
      unit: unit.trim(),
      target: toNumber(target),
      achieved: toNumber(achieved),
    };
    const done = () => {
      toastDone(t('partnerPlans.saved'));
      onSaved();
    };
    if (activity) {
      update.mutate(
        { id: activity.id, body: { ...fields, version: activity.version } },
        { onSuccess: done },
      );
    } else {
      create.mutate({ ...fields, fiscalYear }, { onSuccess: done });
    }
  };

  return { draft, set, missing, filled, errors, saving, submit };
}
