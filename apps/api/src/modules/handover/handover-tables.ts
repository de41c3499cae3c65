/**
 * What a hand-over archive carries, table by table. Every base table of the schema is named here
 * once: exported (with the kind of data it holds) or excluded with the reason. An e2e test compares
 * this list with the live schema, so a table added by a later migration fails the tests until
 * someone decides which it is. Columns are not listed: the exporter reads them from the schema, so
 * a new column travels without a change here.
 */

/** The groups the manifest and docs/handover-format.md sort the files into. */
export type HandoverKind =
  | 'reference'
  | 'users'
  | 'organizations'
  | 'cases'
  | 'sessions'
  | 'follow-ups'
  | 'mail'
  | 'surveys'
  | 'public-inquiries'
  | 'events'
  | 'awards'
  | 'notifications'
  | 'reports'
  | 'audit';

export interface ExportedTable {
  table: string;
  kind: HandoverKind;
  /**
   * Columns holding secrets that let someone sign in or call the API; written as null unless the
   * export is asked for them (`--with-password-hashes`).
   */
  credentialColumns?: readonly string[];
  /** The whole table is a credential (token hashes): exported only with `--with-password-hashes`. */
  credentialsOnly?: boolean;
  /** Rows the target instance creates by itself (migrations, reference seed) and the archive replaces. */
  replacesSeed?: boolean;
}

export const EXPORTED_TABLES: readonly ExportedTable[] = [
  { table: 'desk', kind: 'reference', replacesSeed: true },
  { table: 'desk_prefecture', kind: 'reference', replacesSeed: true },
  { table: 'desk_closure', kind: 'reference' },
  { table: 'topic', kind: 'reference', replacesSeed: true },
  { table: 'referral_program', kind: 'reference', replacesSeed: true },
  { table: 'sla_policy', kind: 'reference', replacesSeed: true },
  { table: 'routing_rule', kind: 'reference', replacesSeed: true },
  { table: 'program_setting', kind: 'reference', replacesSeed: true },
  { table: 'retention_policy', kind: 'reference', replacesSeed: true },
  {
    table: 'mailbox',
    kind: 'reference',
    credentialColumns: ['imap_password_sealed', 'smtp_password_sealed'],
  },
  {
    table: 'app_user',
    kind: 'users',
    credentialColumns: ['password_hash', 'totp_secret'],
  },
  { table: 'api_token', kind: 'users', credentialsOnly: true },
  { table: 'saved_view', kind: 'users' },
  { table: 'expert_profile', kind: 'users' },
  { table: 'expert_calendar_token', kind: 'users', credentialsOnly: true },
  { table: 'organization', kind: 'organizations' },
  { table: 'contact', kind: 'organizations' },
  { table: 'session_allowance_grant', kind: 'organizations' },
  { table: 'case_number_sequence', kind: 'cases' },
  { table: 'case', kind: 'cases' },
  { table: 'case_topic', kind: 'cases' },
  { table: 'case_referral', kind: 'cases' },
  { table: 'case_event', kind: 'cases' },
  { table: 'legal_hold', kind: 'cases' },
  { table: 'expert_session', kind: 'sessions' },
  { table: 'follow_up', kind: 'follow-ups' },
  { table: 'mail_message', kind: 'mail' },
  { table: 'mail_attachment', kind: 'mail' },
  { table: 'outbound_mail', kind: 'mail' },
  { table: 'satisfaction_survey', kind: 'surveys' },
  { table: 'public_inquiry', kind: 'public-inquiries' },
  { table: 'event', kind: 'events' },
  { table: 'event_registration', kind: 'events' },
  { table: 'partner_plan_activity', kind: 'events' },
  { table: 'partner_plan_activity_event', kind: 'events' },
  { table: 'partner_plan_activity_referral', kind: 'events' },
  { table: 'award_kind', kind: 'awards', replacesSeed: true },
  { table: 'award_candidate_mark', kind: 'awards' },
  { table: 'award_nomination', kind: 'awards' },
  { table: 'notification', kind: 'notifications' },
  { table: 'report_first_response', kind: 'reports' },
  { table: 'report_snapshot', kind: 'reports' },
  { table: 'report_target', kind: 'reports', replacesSeed: true },
  { table: 'audit_event', kind: 'audit' },
  { table: 'pseudonymization_run', kind: 'audit' },
  { table: 'data_subject_request', kind: 'audit' },
];

const ROLLUP = 'derived from the cases: report_rollup_rebuild() recomputes it after an import';

export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  schema_migration: 'the target applies its own migrations; the manifest names the schema version',
  user_session: 'sign-in sessions: carrying them would keep old cookies valid at the new operator',
  login_attempt: 'sign-in throttling state, meaningful for minutes only',
  idempotency_key: 'replay protection of requests in flight, meaningful for a day only',
  case_presence: 'who has a case open right now (heartbeats)',
  public_challenge_spent: 'proof-of-work challenges already used, meaningful for minutes only',
  public_submission_attempt: 'rate-limit window of the public form, meaningful for minutes only',
  report_case_state: ROLLUP,
  report_pending_case:
    'cases whose roll-up counts are due: the rebuild after an import counts every case',
  report_case_day: ROLLUP,
  report_case_month: ROLLUP,
  report_case_month_attr: ROLLUP,
  report_org_band: ROLLUP,
  report_org_year: ROLLUP,
  report_referral_day: ROLLUP,
  report_session_day: ROLLUP,
  report_sla_month: ROLLUP,
  report_sla_year: ROLLUP,
  mail_poll_lease: 'which instance polls a mailbox right now, held for minutes only',
  corporate_registry:
    "the National Tax Agency's public corporate-number data: the next operator imports the NTA's own files",
  corporate_registry_import:
    'progress of those imports, meaningful only beside the files themselves',
};

/** Tables this archive writes, given whether credentials were asked for. */
export function tablesToExport(withCredentials: boolean): ExportedTable[] {
  return EXPORTED_TABLES.filter((t) => withCredentials || !t.credentialsOnly);
}

/** Tables of the live schema that the lists above do not mention, and names they list that do not exist. */
export function uncoveredTables(liveTables: readonly string[]): {
  unlisted: string[];
  unknown: string[];
} {
  const listed = new Set([...EXPORTED_TABLES.map((t) => t.table), ...Object.keys(EXCLUDED_TABLES)]);
  const live = new Set(liveTables);
  return {
    unlisted: liveTables.filter((t) => !listed.has(t)).sort(),
    unknown: [...listed].filter((t) => !live.has(t)).sort(),
  };
}
