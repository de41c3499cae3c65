import type { MigrationInterface, QueryRunner } from 'typeorm';

// The timeline kinds as of 1795700000000, plus the organization's telework status moving
// because of something on the case. Frozen here: a migration never imports the app.
const EVENT_KINDS_BEFORE = [
  'created',
  'note',
  'call',
  'email_in',
  'email_out',
  'status_changed',
  'assigned',
  'transferred',
  'referral',
  'edited',
  'session_booked',
  'session_completed',
  'session_cancelled',
  'session_no_show',
  'transfer_accepted',
  'transfer_bounced',
  'follow_up_scheduled',
  'follow_up_rescheduled',
  'follow_up_completed',
  'follow_up_cancelled',
  'sla_breached',
  'first_response',
];
const EVENT_KINDS_AFTER = [...EVENT_KINDS_BEFORE, 'telework_status_changed'];
const kinds = (list: string[]) => list.map((k) => `'${k}'`).join(', ');

/**
 * The organization record the allowance rests on: why a likely duplicate was created anyway,
 * and where its telework status came from (a fact on a case or a person's decision).
 */
export class OrganizationRecord1796000000000 implements MigrationInterface {
  name = 'OrganizationRecord1796000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE organization
        ADD COLUMN duplicate_override_reason text
          CHECK (length(duplicate_override_reason) BETWEEN 1 AND 1000),
        ADD COLUMN telework_status_changed_at timestamptz,
        ADD COLUMN telework_status_source text
          CHECK (telework_status_source IN ('manual', 'case_outcome', 'outcome_check', 'follow_up_session')),
        ADD COLUMN telework_status_reason text CHECK (length(telework_status_reason) <= 1000)`);
    await db.query(`ALTER TABLE case_event DROP CONSTRAINT case_event_kind_check`);
    await db.query(
      `ALTER TABLE case_event ADD CONSTRAINT case_event_kind_check CHECK (kind IN (${kinds(EVENT_KINDS_AFTER)}))`,
    );
    // The duplicate check looks organizations up by their own phone at every new intake.
    await db.query(
      `CREATE INDEX organization_phone_idx ON organization (phone) WHERE phone IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX organization_phone_idx`);
    // case_event is append-only: its history cannot be rewritten, so down refuses while such
    // events exist rather than delete them.
    await db.query(`ALTER TABLE case_event DROP CONSTRAINT case_event_kind_check`);
    await db.query(
      `ALTER TABLE case_event ADD CONSTRAINT case_event_kind_check CHECK (kind IN (${kinds(EVENT_KINDS_BEFORE)}))`,
    );
    await db.query(`
      ALTER TABLE organization
        DROP COLUMN telework_status_reason,
        DROP COLUMN telework_status_source,
        DROP COLUMN telework_status_changed_at,
        DROP COLUMN duplicate_override_reason`);
  }
}
