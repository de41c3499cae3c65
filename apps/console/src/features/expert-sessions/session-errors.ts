import { ApiError, type Schemas } from '@madoguchi/api-client';
import type { Resources } from '../../i18n/ja';
import type { KeyPath } from '../../i18n/keys';

/** A message under `sessions.errors` in the translations. */
export type SessionErrorKey = KeyPath<Resources['sessions']['errors']>;

/** A message the console words itself (a key under `sessions.errors`), or the API's own. */
export type RefusalMessage =
  { key: SessionErrorKey; values?: Record<string, string | number> } | { text: string };

export const BOOKING_FIELDS = [
  'expertId',
  'kind',
  'kindOverrideReason',
  'scheduledStart',
  'durationMinutes',
  'location',
] as const;
export type BookingField = (typeof BOOKING_FIELDS)[number];

export interface BookingRefusal {
  /** About the booking as a whole (the allowance, the case), shown above the inputs. */
  alert: { title: SessionErrorKey; message: RefusalMessage } | null;
  /** Under the input the API named in `details[].field`. */
  fields: Partial<Record<BookingField, RefusalMessage>>;
  /** Details naming no input on the form. */
  other: string[];
}

// The API's validation names the field; which rule it broke follows from the booking form,
// which cannot send a malformed start, an empty kind or a kind outside the list.
const FIELD_KEYS: Record<BookingField, SessionErrorKey> = {
  scheduledStart: 'pastStart',
  expertId: 'expertUnavailable',
  kind: 'kindNeedsReason',
  kindOverrideReason: 'overrideRequired',
  durationMinutes: 'duration',
  location: 'location',
};

const isBookingField = (field: string): field is BookingField =>
  (BOOKING_FIELDS as readonly string[]).includes(field);

/** The limit the API reported with SESSION_LIMIT_REACHED, if it did. */
function reportedLimit(error: ApiError): number | null {
  const extra: unknown = (error.body as Record<string, unknown>)['sessionAllowance'];
  if (extra && typeof extra === 'object' && 'limit' in extra && typeof extra.limit === 'number') {
    return extra.limit;
  }
  return null;
}

/**
 * Why the API refused a booking, in words a desk can act on: each refusal code and each
 * `details[].field` gets its own message, placed on the form where it belongs.
 */
export function bookingRefusal(error: unknown, knownLimit: number): BookingRefusal {
  const none: BookingRefusal = { alert: null, fields: {}, other: [] };
  if (!(error instanceof ApiError)) {
    return none;
  }
  const code = error.body.code;
  if (code === 'SESSION_LIMIT_REACHED') {
    const limit = reportedLimit(error) ?? knownLimit;
    return {
      ...none,
      alert: { title: 'limitTitle', message: { key: 'limit', values: { limit } } },
    };
  }
  if (code === 'EXPERT_DOUBLE_BOOKED') {
    return {
      ...none,
      alert: { title: 'doubleBookedTitle', message: { key: 'doubleBooked' } },
      fields: { scheduledStart: { key: 'doubleBookedField' } },
    };
  }
  if (code === 'CASE_CLOSED') {
    return { ...none, alert: { title: 'caseClosedTitle', message: { key: 'caseClosed' } } };
  }
  if (code !== 'VALIDATION_FAILED') {
    return none;
  }
  const refusal: BookingRefusal = { alert: null, fields: {}, other: [] };
  for (const detail of error.body.details ?? []) {
    if (isBookingField(detail.field)) {
      refusal.fields[detail.field] ??= { key: FIELD_KEYS[detail.field] };
    } else {
      refusal.other.push(`${detail.field}: ${detail.message}`);
    }
  }
  return refusal;
}

/** Why completing, cancelling or marking a no-show was refused; null for other failures. */
export function closingRefusal(error: unknown): RefusalMessage | null {
  if (!(error instanceof ApiError) || error.body.code !== 'SESSION_STATE_CONFLICT') {
    return null;
  }
  const status: unknown = (error.body as Record<string, unknown>)['status'];
  if (status === 'scheduled') {
    // A report or a no-show came before the session began.
    return { key: 'notStarted' };
  }
  return isClosedStatus(status) ? { key: `alreadyClosed.${status}` } : { text: error.message };
}

const CLOSED_STATUSES = [
  'completed',
  'cancelled',
  'no_show',
] as const satisfies readonly Schemas['SessionStatus'][];

const isClosedStatus = (value: unknown): value is (typeof CLOSED_STATUSES)[number] =>
  (CLOSED_STATUSES as readonly unknown[]).includes(value);
