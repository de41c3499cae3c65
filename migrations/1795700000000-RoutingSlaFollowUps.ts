import type { MigrationInterface, QueryRunner } from 'typeorm';

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
];
const EVENT_KINDS_AFTER = [
  ...EVENT_KINDS_BEFORE,
  'transfer_accepted',
  'transfer_bounced',
  'follow_up_scheduled',
  'follow_up_rescheduled',
  'follow_up_completed',
  'follow_up_cancelled',
  'sla_breached',
  'first_response',
];
const kinds = (list: string[]) => list.map((k) => `'${k}'`).join(', ');

/**
 * Desk hours and closures, SLA policies per channel, routing rules, transfers that the
 * receiving desk accepts or bounces, follow-ups, and in-app notifications.
 */
export class RoutingSlaFollowUps1795700000000 implements MigrationInterface {
  name = 'RoutingSlaFollowUps1795700000000';

  async up(db: QueryRunner): Promise<void> {
    // Desk hours default to the program's 9:00–17:00; a desk may keep other hours.
    await db.query(`
      ALTER TABLE desk
        ADD COLUMN open_time time NOT NULL DEFAULT '09:00',
        ADD COLUMN close_time time NOT NULL DEFAULT '17:00',
        ADD COLUMN assignment_mode text NOT NULL DEFAULT 'off'
          CHECK (assignment_mode IN ('off', 'round_robin', 'least_open')),
        ADD COLUMN transfer_accept_business_days integer NOT NULL DEFAULT 2
          CHECK (transfer_accept_business_days BETWEEN 1 AND 30),
        -- Round-robin remembers whom it picked last; the row lock on the desk serialises picks.
        ADD COLUMN last_assigned_user_id uuid REFERENCES app_user(id),
        ADD CONSTRAINT desk_hours_order CHECK (open_time < close_time)`);

    await db.query(`
      CREATE TABLE desk_closure (
        desk_id text NOT NULL REFERENCES desk(id) ON UPDATE CASCADE ON DELETE CASCADE,
        closed_on date NOT NULL,
        reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (desk_id, closed_on)
      )`);

    // NULL first-response hours: answered on contact (phone, walk-in).
    await db.query(`
      CREATE TABLE sla_policy (
        channel text PRIMARY KEY
          CHECK (channel IN ('phone', 'email', 'web', 'walk_in', 'seminar', 'chamber_referral')),
        first_response_business_hours numeric(6, 2) CHECK (first_response_business_hours > 0),
        resolution_business_days integer NOT NULL CHECK (resolution_business_days BETWEEN 1 AND 365),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      INSERT INTO sla_policy (channel, first_response_business_hours, resolution_business_days) VALUES
        ('phone', NULL, 20), ('walk_in', NULL, 20), ('email', 8, 20), ('web', 8, 20),
        ('seminar', NULL, 20), ('chamber_referral', 16, 20)`);

    // First match by position wins; a NULL condition matches anything. The action sends the
    // case to a named desk, to the regional desk covering the organization's prefecture
    // ('coverage'), or keeps it at the desk of whoever logged it ('logger_desk').
    await db.query(`
      CREATE TABLE routing_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position integer NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        active boolean NOT NULL DEFAULT true,
        channels text[],
        prefecture_codes text[],
        topic_codes text[],
        industry_codes text[],
        sme boolean,
        logged_at text CHECK (logged_at IN ('national', 'regional')),
        target text NOT NULL CHECK (target IN ('desk', 'coverage', 'logger_desk')),
        desk_id text REFERENCES desk(id) ON UPDATE CASCADE,
        assignee_id uuid REFERENCES app_user(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((target = 'desk') = (desk_id IS NOT NULL))
      )`);
    await db.query(
      `CREATE INDEX routing_rule_position_idx ON routing_rule (position) WHERE active`,
    );
    // The default rules name the national center, which the code also knows by id; the other
    // desks arrive with the reference seed. Create it here if the seed has not run yet.
    await db.query(`
      INSERT INTO desk (id, kind, name_ja, name_en, sort_order)
      VALUES ('national', 'national', 'テレワーク相談センター', 'Telework Consultation Center', 0)
      ON CONFLICT (id) DO NOTHING`);
    await db.query(`
      INSERT INTO routing_rule (position, name, channels, logged_at, target, desk_id) VALUES
        (10, '来訪は管轄の地域窓口へ', '{walk_in}', NULL, 'coverage', NULL),
        (20, '地域窓口で受けた相談はその窓口で', NULL, 'regional', 'logger_desk', NULL),
        (30, '電話・メール・Webは全国センターへ', '{phone,email,web}', NULL, 'desk', 'national')`);

    // A transfer waits for the receiving desk: until it accepts (or bounces) the case, the
    // case sits in that desk's queue with an acceptance deadline.
    await db.query(`
      ALTER TABLE "case"
        ADD COLUMN transfer_to_desk_id text REFERENCES desk(id) ON UPDATE CASCADE,
        ADD COLUMN transfer_from_desk_id text REFERENCES desk(id) ON UPDATE CASCADE,
        ADD COLUMN transfer_reason text CHECK (length(transfer_reason) <= 2000),
        ADD COLUMN transfer_requested_at timestamptz,
        ADD COLUMN transfer_accept_due_at timestamptz,
        ADD COLUMN sla_paused_since timestamptz,
        ADD COLUMN first_response_breached_at timestamptz,
        ADD COLUMN resolution_breached_at timestamptz,
        ADD CONSTRAINT case_transfer_complete CHECK (
          (transfer_to_desk_id IS NULL) = (transfer_requested_at IS NULL))`);
    await db.query(
      `CREATE INDEX case_transfer_pending_idx ON "case" (transfer_to_desk_id) WHERE transfer_to_desk_id IS NOT NULL`,
    );
    // The breach job scans only open cases with a clock still running.
    await db.query(`
      CREATE INDEX case_first_response_due_idx ON "case" (first_response_due_at)
        WHERE first_responded_at IS NULL AND first_response_breached_at IS NULL AND status NOT IN ('resolved', 'closed')`);
    await db.query(`
      CREATE INDEX case_resolution_due_idx ON "case" (resolution_due_at)
        WHERE resolution_breached_at IS NULL AND status NOT IN ('resolved', 'closed')`);

    await db.query(`ALTER TABLE case_event DROP CONSTRAINT case_event_kind_check`);
    await db.query(
      `ALTER TABLE case_event ADD CONSTRAINT case_event_kind_check CHECK (kind IN (${kinds(EVENT_KINDS_AFTER)}))`,
    );

    await db.query(`
      CREATE TABLE follow_up (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES "case"(id),
        desk_id text NOT NULL REFERENCES desk(id) ON UPDATE CASCADE,
        assignee_id uuid REFERENCES app_user(id),
        kind text NOT NULL CHECK (kind IN ('manual', 'outcome_check')),
        due_on date NOT NULL,
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        -- Outcome checks ask two questions; free follow-ups just record a note.
        adopted text CHECK (adopted IN ('adopted', 'planned', 'not_adopted', 'unknown')),
        subsidy_applied boolean,
        result_note text CHECK (length(result_note) <= 2000),
        completed_at timestamptz,
        completed_by uuid REFERENCES app_user(id),
        reminded_at timestamptz,
        -- Months after the last expert session, for outcome checks (3, 6): one of each per case.
        months_after integer,
        created_by uuid REFERENCES app_user(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'done' OR completed_at IS NOT NULL)
      )`);
    await db.query(
      `CREATE INDEX follow_up_open_idx ON follow_up (desk_id, due_on) WHERE status = 'open'`,
    );
    await db.query(`CREATE INDEX follow_up_case_idx ON follow_up (case_id)`);
    await db.query(
      `CREATE UNIQUE INDEX follow_up_outcome_check_key ON follow_up (case_id, months_after)
        WHERE kind = 'outcome_check' AND status <> 'cancelled'`,
    );

    await db.query(`
      CREATE TABLE notification (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id),
        kind text NOT NULL CHECK (kind IN ('assigned', 'sla_breach', 'follow_up_due', 'session_tomorrow',
          'transfer_requested', 'transfer_bounced')),
        case_id uuid REFERENCES "case"(id),
        title text NOT NULL CHECK (length(title) <= 200),
        body text NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
        -- Makes each notification happen once, whichever instance or retry produces it.
        dedupe_key text NOT NULL,
        read_at timestamptz,
        emailed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, dedupe_key)
      )`);
    await db.query(
      `CREATE INDEX notification_unread_idx ON notification (user_id, id DESC) WHERE read_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notification`);
    await db.query(`DROP TABLE follow_up`);
    await db.query(`ALTER TABLE case_event DROP CONSTRAINT case_event_kind_check`);
    await db.query(
      `ALTER TABLE case_event ADD CONSTRAINT case_event_kind_check CHECK (kind IN (${kinds(EVENT_KINDS_BEFORE)}))`,
    );
    await db.query(`DROP INDEX case_resolution_due_idx`);
    await db.query(`DROP INDEX case_first_response_due_idx`);
    await db.query(`DROP INDEX case_transfer_pending_idx`);
    await db.query(`
      ALTER TABLE "case"
        DROP CONSTRAINT case_transfer_complete,
        DROP COLUMN transfer_to_desk_id, DROP COLUMN transfer_from_desk_id, DROP COLUMN transfer_reason,
        DROP COLUMN transfer_requested_at, DROP COLUMN transfer_accept_due_at, DROP COLUMN sla_paused_since,
        DROP COLUMN first_response_breached_at, DROP COLUMN resolution_breached_at`);
    await db.query(`DROP TABLE routing_rule`);
    await db.query(`DROP TABLE sla_policy`);
    await db.query(`DROP TABLE desk_closure`);
    await db.query(`
      ALTER TABLE desk DROP CONSTRAINT desk_hours_order, DROP COLUMN open_time, DROP COLUMN close_time,
        DROP COLUMN assignment_mode, DROP COLUMN transfer_accept_business_days, DROP COLUMN last_assigned_user_id`);
  }
}
