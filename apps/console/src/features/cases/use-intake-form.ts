import { normalizeCorporateNumber } from '@madoguchi/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { readDraft } from '../../lib/draft-storage';
import { useSession } from '../../lib/session';
import { useDraftGuard } from '../../lib/use-draft-guard';
import { useContacts } from '../organizations/api/use-organizations';
import { type Desk, deskKeys, useDesks } from './api/use-transfers';
import { startTimer, STOPPED, toggleTimer } from './call-timer';
import {
  type Channel,
  draftKey,
  emptyIntake,
  type IntakeForm,
  isDirty,
  NEW_ORGANIZATION as NEW,
  parseDraft,
  serializeDraft,
} from './intake-draft';

/** A fresh intake starts from the desk's channel, with the call timer running for a call. */
const freshIntake = (channel: Channel): IntakeForm => ({
  ...emptyIntake(channel, crypto.randomUUID()),
  timer: channel === 'phone' ? startTimer(STOPPED, Date.now()) : STOPPED,
});

/**
 * Everything typed on the intake screen as one value: restored from the device's draft, kept
 * there as it changes (leaving asks first), and started from the desk's channel.
 */
export function useIntakeForm() {
  const queryClient = useQueryClient();
  const { user } = useSession();
  const storageKey = draftKey(user?.id ?? 'anonymous');
  const desks = useDesks();
  const deskChannel = (list: Desk[] | undefined): Channel | undefined =>
    list?.find((d) => d.id === user?.deskId)?.defaultChannel;

  // A draft left by a reload or a crashed tab comes back; otherwise a fresh form from the
  // desk's channel (known at once when the desks are cached, else once they arrive).
  const [initial] = useState((): { form: IntakeForm; restoredAt: number | null } => {
    const draft = readDraft(localStorage, storageKey, parseDraft);
    return draft
      ? { form: draft.form, restoredAt: draft.savedAt }
      : {
          form: freshIntake(deskChannel(queryClient.getQueryData<Desk[]>(deskKeys.all)) ?? 'phone'),
          restoredAt: null,
        };
  });
  const [restoredAt, setRestoredAt] = useState(initial.restoredAt);
  const [form, setForm] = useState<IntakeForm>(initial.form);
  const set = useCallback(
    <K extends keyof IntakeForm>(key: K, value: IntakeForm[K]) =>
      setForm((f) => ({ ...f, [key]: value })),
    [],
  );

  // Follows the desk's channel once the desks arrive, until the user picks a channel or starts
  // typing. Adjusted while rendering rather than in an effect, so the wrong channel never shows.
  const defaultChannel = deskChannel(desks.data);
  const [followedChannel, setFollowedChannel] = useState(defaultChannel);
  if (defaultChannel && followedChannel !== defaultChannel) {
    setFollowedChannel(defaultChannel);
    setForm((f) =>
      f.channelChosen || isDirty(f) || f.channel === defaultChannel
        ? f
        : { ...f, channel: defaultChannel, timer: freshIntake(defaultChannel).timer },
    );
  }

  // The draft follows every change (a clean form leaves none behind) and leaving asks first.
  const guard = useDraftGuard(storageKey, isDirty(form) ? form : null, serializeDraft);
  const discardRestored = () => {
    guard.discard();
    setRestoredAt(null);
    setForm(freshIntake(defaultChannel ?? 'phone'));
  };

  const chooseChannel = (channel: Channel) =>
    setForm((f) => ({
      ...f,
      channel,
      channelChosen: true,
      // Switching to a call that never started its timer starts it now.
      timer:
        channel === 'phone' && f.timer.runningSince === null && f.timer.countedMs === 0
          ? startTimer(f.timer, Date.now())
          : f.timer,
    }));
  const toggleCallTimer = useCallback(
    () => setForm((f) => ({ ...f, timer: toggleTimer(f.timer, Date.now()) })),
    [],
  );

  const creating = form.organizationId === NEW;
  const picked = form.organizationId && !creating ? form.organizationId : null;
  const contacts = useContacts(picked);
  // An organization's only contact is most likely the caller: preselected, once per pick.
  const [preselectedFor, setPreselectedFor] = useState<string | null>(null);
  if (picked && contacts.data && preselectedFor !== picked) {
    setPreselectedFor(picked);
    const only = contacts.data.items.length === 1 ? contacts.data.items[0] : undefined;
    if (only?.active && !form.contactId && !form.contact.name.trim()) {
      set('contactId', only.id);
    }
  }

  const pick = useCallback((organization: { id: string; name: string }) => {
    setForm((f) => ({
      ...f,
      organizationId: organization.id,
      search: organization.name,
      contactId: null,
      overrideReason: '',
    }));
  }, []);
  const onCorporateNumberNew = useCallback(() => {
    // A number nobody has yet is a new organization, unless the caller's one is already picked.
    // Digits typed in the search are that number, not the organization's name.
    setForm((f) => ({
      ...f,
      organizationId: f.organizationId ?? NEW,
      newOrg: {
        ...f.newOrg,
        name: f.newOrg.name || (normalizeCorporateNumber(f.search) ? '' : f.search.trim()),
      },
    }));
  }, []);
  const lookUpCorporateNumber = (corporateNumber: string) =>
    setForm((f) => ({ ...f, corporateNumber, search: '' }));

  return {
    form,
    setForm,
    set,
    creating,
    picked,
    contacts,
    desks,
    restoredAt,
    discardRestored,
    guard,
    chooseChannel,
    toggleCallTimer,
    pick,
    onCorporateNumberNew,
    lookUpCorporateNumber,
  };
}

export type IntakeFormState = ReturnType<typeof useIntakeForm>;
