import type { MigrationInterface, QueryRunner } from 'typeorm';

// The timeline kinds as of 1796000000000. A copy, as it stood: migrations import nothing that
// may change later.
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
  'telework_status_changed',
];
const EVENT_KINDS_AFTER = [...EVENT_KINDS_BEFORE, 'session_rescheduled', 'transfer_withdrawn'];
const kinds = (list: string[]) => list.map((k) => `'${k}'`).join(', ');

/**
 * A session moved to another time keeps its row (its place in the allowance and its history),
 * and a transfer the sending desk takes back is on the timeline: two new timeline kinds.
 */
export class CaseEventRescheduleWithdraw1797400000000 implements MigrationInterface {
  name = 'CaseEventRescheduleWithdraw1797400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE case_event DROP CONSTRAINT case_event_kind_check`);
    await db.query(
      `ALTER TABLE case_event ADD CONSTRAINT case_event_kind_check CHECK (kind IN (${kinds(EVENT_KINDS_AFTER)}))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE case_event DROP CONSTRAINT case_event_kind_check`);
    await db.query(
      `ALTER TABLE case_event ADD CONSTRAINT case_event_kind_check CHECK (kind IN (${kinds(EVENT_KINDS_BEFORE)}))`,
    );
  }
}
