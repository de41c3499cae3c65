import { CHANNELS } from '@madoguchi/domain';
import type { IntakeOrganization } from '../organizations/api/organization-types';
import type { Intake } from './api/use-cases';
import { type CallTimer, STOPPED, timerSeconds } from './call-timer';

export type Channel = (typeof CHANNELS)[number];

/** The organization intake is about to create, as typed. */
export interface NewOrganization {
  name: string;
  nameKana: string;
  prefectureCode: string;
  address: string;
  industryCode: string;
  industrySubcode: string;
  phone: string;
  /** As the number inputs hold them: '' while empty. */
  employees: number | string;
  capitalYen: number | string;
}

/** Everything typed on the intake screen, kept as one value so it can be saved as a draft. */
export interface IntakeForm {
  search: string;
  /** A picked organization's id, NEW_ORGANIZATION while creating one, or null. */
  organizationId: string | null;
  newOrg: NewOrganization;
  corporateNumber: string;
  overrideReason: string;
  contactId: string | null;
  contact: { name: string; phone: string; email: string };
  channel: Channel;
  /** False until the user picks a channel: until then it follows the desk's default. */
  channelChosen: boolean;
  topics: string[];
  subject: string;
  description: string;
  /** When an email or web inquiry arrived, as a Tokyo `YYYY-MM-DDTHH:mm`; '' means now. */
  receivedAt: string;
  timer: CallTimer;
  /** Kept with the draft: a retry after a crash must not log the call twice. */
  idempotencyKey: string;
}

export const NEW_ORGANIZATION = '__new__';

export const emptyNewOrganization = (): NewOrganization => ({
  name: '',
  nameKana: '',
  prefectureCode: '',
  address: '',
  industryCode: '',
  industrySubcode: '',
  phone: '',
  employees: '',
  capitalYen: '',
});

export const emptyIntake = (channel: Channel, idempotencyKey: string): IntakeForm => ({
  search: '',
  organizationId: null,
  newOrg: emptyNewOrganization(),
  corporateNumber: '',
  overrideReason: '',
  contactId: null,
  contact: { name: '', phone: '', email: '' },
  channel,
  channelChosen: false,
  topics: [],
  subject: '',
  description: '',
  receivedAt: '',
  timer: STOPPED,
  idempotencyKey,
});

/** Whether anything was typed that leaving would lose (a running timer alone is not work). */
export function isDirty(form: IntakeForm): boolean {
  const texts = [
    form.search,
    form.corporateNumber,
    form.overrideReason,
    form.subject,
    form.description,
    form.receivedAt,
    ...Object.values(form.contact),
    ...Object.values(form.newOrg).map(String),
  ];
  return texts.some((text) => text.trim() !== '') || form.topics.length > 0 || !!form.contactId;
}

const DRAFT_VERSION = 1;
export const draftKey = (userId: string) => `madoguchi.intake.draft.${userId}`;

export interface StoredDraft {
  savedAt: number;
  form: IntakeForm;
}

export const serializeDraft = (form: IntakeForm, savedAt: number): string =>
  JSON.stringify({ v: DRAFT_VERSION, savedAt, form });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A stored draft, or null when there is none or it cannot be trusted (another version of the
 * console wrote it, or it was edited by hand): a bad draft must never break the intake screen.
 */
export function parseDraft(raw: string | null): StoredDraft | null {
  if (!raw) {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isRecord(parsed) || parsed.v !== DRAFT_VERSION || typeof parsed.savedAt !== 'number') {
      return null;
    }
    const form = parsed.form;
    if (
      !isRecord(form) ||
      !(CHANNELS as readonly unknown[]).includes(form.channel) ||
      !isRecord(form.newOrg) ||
      !isRecord(form.contact) ||
      !isRecord(form.timer) ||
      !Array.isArray(form.topics) ||
      typeof form.idempotencyKey !== 'string'
    ) {
      return null;
    }
    const base = emptyIntake(form.channel as Channel, form.idempotencyKey);
    // Fields added later fall back to their empty value.
    return {
      savedAt: parsed.savedAt,
      form: {
        ...base,
        ...(form as Partial<IntakeForm>),
        newOrg: { ...base.newOrg, ...(form.newOrg as Partial<NewOrganization>) },
        contact: { ...base.contact, ...(form.contact as Partial<IntakeForm['contact']>) },
        timer: { ...base.timer, ...(form.timer as Partial<CallTimer>) },
      },
    };
  } catch {
    return null;
  }
}

/** A Tokyo wall-clock `YYYY-MM-DDTHH:mm` (what a datetime-local input holds) as an instant. */
export const tokyoLocalToIso = (local: string): string | undefined =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)
    ? new Date(`${local}:00+09:00`).toISOString()
    : undefined;

/** The latest a received time may be: now, in Tokyo, to the minute. */
export const tokyoNowLocal = (now: number): string =>
  new Date(now + 9 * 3_600_000).toISOString().slice(0, 16);

/** Inquiries that arrive on their own and wait to be logged: their SLA runs from arrival. */
export const ARRIVES_EARLIER: readonly Channel[] = ['email', 'web'];

const numberOrUndefined = (value: number | string): number | undefined =>
  typeof value === 'number' ? value : undefined;

/**
 * What the intake sends: the picked organization or the new one as typed, the picked or new
 * contact, the received time for mail and web, and the call's direction and length for a call.
 */
export function intakeBody(
  form: IntakeForm,
  {
    picked,
    corporateNumber,
    deskId,
    now,
  }: { picked: string | null; corporateNumber: string | null; deskId: string | null; now: number },
): Intake {
  const { newOrg, contact } = form;
  const organization: IntakeOrganization = picked
    ? { id: picked }
    : {
        name: newOrg.name || form.search.trim(),
        nameKana: newOrg.nameKana || undefined,
        corporateNumber: corporateNumber ?? undefined,
        prefectureCode: newOrg.prefectureCode || undefined,
        address: newOrg.address.trim() || undefined,
        industryCode: newOrg.industryCode || undefined,
        industrySubcode: newOrg.industrySubcode || undefined,
        phone: newOrg.phone || undefined,
        employees: numberOrUndefined(newOrg.employees),
        capitalYen: numberOrUndefined(newOrg.capitalYen),
        duplicateOverrideReason: form.overrideReason.trim() || undefined,
      };
  const contactBody: Intake['contact'] = form.contactId
    ? { id: form.contactId }
    : contact.name.trim()
      ? { name: contact.name, phone: contact.phone || undefined, email: contact.email || undefined }
      : undefined;
  const receivedAt = ARRIVES_EARLIER.includes(form.channel)
    ? tokyoLocalToIso(form.receivedAt)
    : undefined;
  return {
    channel: form.channel,
    ...(deskId ? { deskId } : {}),
    ...(receivedAt ? { receivedAt } : {}),
    organization,
    contact: contactBody,
    topics: form.topics,
    subject: form.subject,
    description: form.description || undefined,
    ...(form.channel === 'phone'
      ? { callDirection: 'inbound' as const, callDurationSeconds: timerSeconds(form.timer, now) }
      : {}),
  };
}
