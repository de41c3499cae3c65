import { isValidCorporateNumber, normalizeCorporateNumber } from './corporate-number';
import { normalizeJapanesePhone } from './phone';
import { PREFECTURES } from './prefectures';

/** What kind of outreach an event is. */
export const EVENT_KINDS = [
  'seminar',
  'experience_seminar',
  'exchange_event',
  'tour',
  'telework_month',
  'co_sponsored',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Who runs an event; `regional_desk` names the desk too. */
export const ORGANIZER_KINDS = [
  'mic',
  'mhlw',
  'regional_desk',
  'tokyo_metropolitan',
  'chamber_of_commerce',
  'other',
] as const;
export type OrganizerKind = (typeof ORGANIZER_KINDS)[number];

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const ATTENDANCE_MARKS = ['attended', 'no_show'] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];

/**
 * Whether one more registration gets a seat: within capacity it is registered, beyond it waits.
 * No capacity means no limit (a webinar).
 */
export function admitRegistration(
  capacity: number | null,
  registeredCount: number,
): 'registered' | 'waitlisted' {
  return capacity === null || registeredCount < capacity ? 'registered' : 'waitlisted';
}

/** How many waiting registrations move up when seats free up or the capacity grows. */
export function seatsToPromote(
  capacity: number | null,
  registeredCount: number,
  waitingCount: number,
): number {
  if (capacity === null) {
    return waitingCount;
  }
  return Math.max(0, Math.min(waitingCount, capacity - registeredCount));
}

// ---------------------------------------------------------------------------------------------
// Attendee lists sent by partners

/** The fields an attendee list can fill, in the order the preview shows them. */
export const ATTENDEE_FIELDS = [
  'organizationName',
  'corporateNumber',
  'name',
  'nameKana',
  'phone',
  'email',
  'employees',
  'address',
] as const;
export type AttendeeField = (typeof ATTENDEE_FIELDS)[number];

/** Column name → field; a header, once normalised, is looked up here. */
const HEADER_ALIASES: Record<AttendeeField, readonly string[]> = {
  organizationName: [
    '会社名',
    '企業名',
    '法人名',
    '団体名',
    '事業所名',
    '所属',
    'company',
    'organization',
  ],
  corporateNumber: ['法人番号', 'corporatenumber'],
  name: ['氏名', '名前', 'お名前', '参加者名', 'ご担当者名', '担当者名', 'name'],
  nameKana: ['フリガナ', 'ふりがな', 'カナ', '氏名カナ', '氏名(フリガナ)', 'kana'],
  phone: ['電話番号', '電話', 'tel', 'phone'],
  email: ['メールアドレス', 'メール', 'eメール', 'e-mail', 'email', 'mail'],
  employees: ['従業員数', '社員数', '従業員', 'employees'],
  address: ['所在地', '住所', '会社所在地', 'address'],
};

const headerKey = (header: string): string =>
  header
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/[\s*※]/g, '')
    .toLowerCase();

const ALIAS_TO_FIELD = new Map<string, AttendeeField>(
  ATTENDEE_FIELDS.flatMap((field) =>
    HEADER_ALIASES[field].map((alias) => [headerKey(alias), field] as const),
  ),
);

/** Field → index of the column it is read from. */
export type AttendeeMapping = Partial<Record<AttendeeField, number>>;

/** The columns a list's headers map to by name; the first column of a field wins. */
export function autoMapAttendeeHeaders(headers: readonly string[]): AttendeeMapping {
  const mapping: AttendeeMapping = {};
  headers.forEach((header, index) => {
    const field = ALIAS_TO_FIELD.get(headerKey(header));
    if (field && mapping[field] === undefined) {
      mapping[field] = index;
    }
  });
  return mapping;
}

/** Why a row of an attendee list cannot be imported (a stable code; the console names it). */
export type AttendeeRejectReason =
  | 'organization_name_missing'
  | 'name_missing'
  | 'contact_missing'
  | 'email_invalid'
  | 'phone_invalid'
  | 'corporate_number_invalid'
  | 'employees_invalid'
  | 'value_too_long'
  | 'duplicate_in_file'
  | 'already_registered';

export interface AttendeeRow {
  organizationName: string;
  corporateNumber: string | null;
  name: string;
  nameKana: string | null;
  /** As given (trimmed); the normalised E.164 form is phoneE164. */
  phone: string | null;
  phoneE164: string | null;
  email: string | null;
  employees: number | null;
  address: string | null;
  prefectureCode: string | null;
}

export type ParsedAttendee =
  { ok: true; row: AttendeeRow } | { ok: false; reasons: AttendeeRejectReason[] };

// The same shape the API's email validator accepts for a contact.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The prefecture an address starts with (都道府県 name, full-width or not), if any. */
export function prefectureOfAddress(address: string): string | null {
  const text = address.normalize('NFKC').trim();
  const found = PREFECTURES.find(
    (p) => text.startsWith(p.nameJa) || text.startsWith(p.nameJa.replace(/[都府県]$/, '')),
  );
  return found?.code ?? null;
}

/** One record of the list, read through the mapping and checked; every problem is named. */
export function parseAttendeeRecord(
  record: readonly string[],
  mapping: AttendeeMapping,
): ParsedAttendee {
  const cell = (field: AttendeeField): string | null => {
    const index = mapping[field];
    const value = index === undefined ? undefined : record[index];
    const text = value?.normalize('NFKC').replace(/\s+/g, ' ').trim();
    return text ? text : null;
  };
  const reasons: AttendeeRejectReason[] = [];
  const organizationName = cell('organizationName');
  const name = cell('name');
  if (!organizationName) {
    reasons.push('organization_name_missing');
  }
  if (!name) {
    reasons.push('name_missing');
  }
  const email = cell('email')?.toLowerCase() ?? null;
  if (email && (!EMAIL.test(email) || email.length > 254)) {
    reasons.push('email_invalid');
  }
  const phone = cell('phone');
  const phoneE164 = phone ? normalizeJapanesePhone(phone) : null;
  if (phone && !phoneE164) {
    reasons.push('phone_invalid');
  }
  if (!email && !phone) {
    reasons.push('contact_missing');
  }
  const rawNumber = cell('corporateNumber');
  const corporateNumber = rawNumber ? normalizeCorporateNumber(rawNumber) : null;
  if (rawNumber && (!corporateNumber || !isValidCorporateNumber(corporateNumber))) {
    reasons.push('corporate_number_invalid');
  }
  const rawEmployees = cell('employees')?.replace(/[,名人]/g, '');
  const employees = rawEmployees ? Number(rawEmployees) : null;
  if (
    employees !== null &&
    (!Number.isInteger(employees) || employees < 0 || employees > 10_000_000)
  ) {
    reasons.push('employees_invalid');
  }
  const address = cell('address');
  const nameKana = cell('nameKana');
  if (
    (organizationName?.length ?? 0) > 200 ||
    [name, nameKana].some((v) => v !== null && v.length > 100) ||
    (address?.length ?? 0) > 500
  ) {
    reasons.push('value_too_long');
  }
  if (reasons.length > 0 || !organizationName || !name) {
    return { ok: false, reasons };
  }
  return {
    ok: true,
    row: {
      organizationName,
      corporateNumber,
      name,
      nameKana,
      phone,
      phoneE164,
      email,
      employees,
      address,
      prefectureCode: address ? prefectureOfAddress(address) : null,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Public registration and desk scoping

/**
 * Whether the public page takes registrations for an event: only once staff published it, and
 * only until it starts (a registration for something under way or over helps nobody).
 */
export function isOpenForPublicRegistration(
  event: { published: boolean; startsAt: Date },
  now: Date,
): boolean {
  return event.published && event.startsAt.getTime() > now.getTime();
}

/**
 * What a cancellation link may still do. After the start the seat is spent either way, so the
 * link stops working then; a cancelled registration stays cancelled (the link is used up).
 */
export function publicCancellation(
  registration: { status: RegistrationStatus },
  event: { startsAt: Date },
  now: Date,
): 'cancellable' | 'already_cancelled' | 'expired' {
  if (registration.status === 'cancelled') {
    return 'already_cancelled';
  }
  return event.startsAt.getTime() > now.getTime() ? 'cancellable' : 'expired';
}

/**
 * Who may change an event and its registrations. Everyone on the events staff sees every event
 * (a desk's seminar is announced nationwide, and an attendee may belong to anyone's case); the
 * national operators, managers and admins run all of them; a regional desk's staff run only
 * their own desk's events, so one desk cannot reshuffle another's seats or attendees.
 */
export function mayManageEvent(
  actor: { role: string; deskId: string | null },
  event: { organizerKind: string; organizerDeskId: string | null },
): boolean {
  if (actor.role !== 'desk_staff') {
    return true;
  }
  return (
    event.organizerKind === 'regional_desk' &&
    actor.deskId !== null &&
    event.organizerDeskId === actor.deskId
  );
}
