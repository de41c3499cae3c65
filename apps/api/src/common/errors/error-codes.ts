/**
 * Every stable error code the API answers with. Clients switch on these,
 * so a code, once shipped, keeps its meaning. Features add theirs here.
 */
export const ERROR_CODES = [
  // Cross-cutting
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'DATABASE_BUSY',
  'DATABASE_TIMEOUT',
  'SHUTTING_DOWN',
  // Accounts and access
  'INVALID_CREDENTIALS',
  'SESSION_EXPIRED',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'CSRF_TOKEN_INVALID',
  'PASSWORD_CHANGE_REQUIRED',
  'TOTP_ENROLLMENT_REQUIRED',
  'LOGIN_THROTTLED',
  'USER_EMAIL_TAKEN',
  'USER_VERSION_CONFLICT',
  'CANNOT_CHANGE_OWN_ACCESS',
  // Organizations and cases
  'ORGANIZATION_DUPLICATE',
  'ORGANIZATION_POSSIBLE_DUPLICATE',
  'ORGANIZATION_VERSION_CONFLICT',
  'CONTACT_VERSION_CONFLICT',
  'CASE_VERSION_CONFLICT',
  'CASE_TRANSITION_NOT_ALLOWED',
  'CASE_OUTCOME_REQUIRED',
  'CASE_OUTCOME_REASON_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'REFERRAL_PROGRAM_EXISTS',
  'SAVED_VIEW_NAME_TAKEN',
  // Routing, transfers and follow-ups
  'ROUTING_RULE_VERSION_CONFLICT',
  'TRANSFER_STATE_CONFLICT',
  'TRANSFER_NOT_ACCEPTED',
  'FOLLOW_UP_STATE_CONFLICT',
  // Experts and sessions
  'EXPERT_PROFILE_EXISTS',
  'EXPERT_VERSION_CONFLICT',
  'EXPERT_DOUBLE_BOOKED',
  'SESSION_LIMIT_REACHED',
  'SESSION_STATE_CONFLICT',
  'CASE_CLOSED',
  'PROGRAM_SETTINGS_VERSION_CONFLICT',
  // Reports
  'REPORT_SNAPSHOT_EXISTS',
  'EXPORT_LIMIT_REACHED',
  'REPORT_TARGET_VERSION_CONFLICT',
  // Public inquiry form
  'SUBMISSION_REFUSED',
  'SURVEY_ALREADY_ANSWERED',
  'SURVEY_EXPIRED',
  'SURVEY_OPTED_OUT',
  'SURVEY_CONTACT_UNREACHABLE',
  // Email channel
  'MAILBOX_ADDRESS_TAKEN',
  'MAILBOX_VERSION_CONFLICT',
  'MAILBOX_INACTIVE',
  'MAIL_ATTACHMENT_QUARANTINED',
  'MAIL_REPLY_NO_MAILBOX',
  // Outreach events
  'EVENT_VERSION_CONFLICT',
  'EVENT_HAS_REGISTRATIONS',
  'EVENT_REGISTRATION_EXISTS',
  'EVENT_REGISTRATION_STATE_CONFLICT',
  'EVENT_NOT_OPEN',
  'EVENT_CANCEL_LINK_EXPIRED',
  // Data stewardship
  'LEGAL_HOLD_EXISTS',
  // Referral catalogue per fiscal year, partner-plan activities
  'REFERRAL_YEAR_NOT_EMPTY',
  'PARTNER_PLAN_VERSION_CONFLICT',
  'PARTNER_PLAN_LINK_EXISTS',
  // Award candidates
  'AWARD_NOMINATION_EXISTS',
  'AWARD_NOMINATION_VERSION_CONFLICT',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Maps a code to its HTTP status; the switch is exhaustive so a new code cannot be forgotten. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_JSON':
    case 'BAD_REQUEST':
      return 400;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'SESSION_EXPIRED':
    case 'TOTP_REQUIRED':
    case 'TOTP_INVALID':
      return 401;
    case 'FORBIDDEN':
    case 'TRANSFER_NOT_ACCEPTED':
    case 'CSRF_TOKEN_INVALID':
    case 'PASSWORD_CHANGE_REQUIRED':
    case 'TOTP_ENROLLMENT_REQUIRED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'CONFLICT':
    case 'USER_EMAIL_TAKEN':
    case 'USER_VERSION_CONFLICT':
    case 'CANNOT_CHANGE_OWN_ACCESS':
    case 'ORGANIZATION_DUPLICATE':
    case 'ORGANIZATION_POSSIBLE_DUPLICATE':
    case 'ORGANIZATION_VERSION_CONFLICT':
    case 'CONTACT_VERSION_CONFLICT':
    case 'CASE_VERSION_CONFLICT':
    case 'CASE_TRANSITION_NOT_ALLOWED':
    case 'REFERRAL_PROGRAM_EXISTS':
    case 'SAVED_VIEW_NAME_TAKEN':
    case 'ROUTING_RULE_VERSION_CONFLICT':
    case 'TRANSFER_STATE_CONFLICT':
    case 'FOLLOW_UP_STATE_CONFLICT':
    case 'EXPERT_PROFILE_EXISTS':
    case 'EXPERT_VERSION_CONFLICT':
    case 'EXPERT_DOUBLE_BOOKED':
    case 'SESSION_LIMIT_REACHED':
    case 'SESSION_STATE_CONFLICT':
    case 'CASE_CLOSED':
    case 'PROGRAM_SETTINGS_VERSION_CONFLICT':
    case 'REPORT_SNAPSHOT_EXISTS':
    case 'REPORT_TARGET_VERSION_CONFLICT':
    case 'SURVEY_ALREADY_ANSWERED':
    case 'SURVEY_EXPIRED':
    case 'SURVEY_OPTED_OUT':
    case 'SURVEY_CONTACT_UNREACHABLE':
    case 'MAILBOX_ADDRESS_TAKEN':
    case 'MAILBOX_VERSION_CONFLICT':
    case 'MAILBOX_INACTIVE':
    case 'MAIL_ATTACHMENT_QUARANTINED':
    case 'MAIL_REPLY_NO_MAILBOX':
    case 'EVENT_VERSION_CONFLICT':
    case 'EVENT_HAS_REGISTRATIONS':
    case 'EVENT_REGISTRATION_EXISTS':
    case 'EVENT_REGISTRATION_STATE_CONFLICT':
    case 'EVENT_NOT_OPEN':
    case 'EVENT_CANCEL_LINK_EXPIRED':
    case 'LEGAL_HOLD_EXISTS':
    case 'REFERRAL_YEAR_NOT_EMPTY':
    case 'PARTNER_PLAN_VERSION_CONFLICT':
    case 'PARTNER_PLAN_LINK_EXISTS':
    case 'AWARD_NOMINATION_EXISTS':
    case 'AWARD_NOMINATION_VERSION_CONFLICT':
      return 409;
    case 'CASE_OUTCOME_REQUIRED':
    case 'CASE_OUTCOME_REASON_REQUIRED':
    case 'SUBMISSION_REFUSED':
      return 400;
    case 'IDEMPOTENCY_KEY_REUSED':
      return 422;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'RATE_LIMITED':
    case 'LOGIN_THROTTLED':
    case 'EXPORT_LIMIT_REACHED':
      return 429;
    case 'INTERNAL_ERROR':
      return 500;
    case 'SERVICE_UNAVAILABLE':
    case 'DATABASE_UNAVAILABLE':
    case 'DATABASE_BUSY':
    case 'SHUTTING_DOWN':
      return 503;
    case 'DATABASE_TIMEOUT':
      return 504;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/** The fallback code for a bare HTTP status (framework exceptions carry no code of ours). */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST';
  }
}
