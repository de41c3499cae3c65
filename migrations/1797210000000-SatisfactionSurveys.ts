import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The satisfaction survey after a completed expert session: one per session, reached by a long
 * random token (only its hash is stored), good once and for 30 days, with one reminder. Its mail
 * goes through the outbox for non-staff addresses.
 */
export class SatisfactionSurveys1797210000000 implements MigrationInterface {
  name = 'SatisfactionSurveys1797210000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE satisfaction_survey (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL UNIQUE REFERENCES expert_session(id),
        case_id uuid NOT NULL REFERENCES "case"(id),
        contact_id uuid NOT NULL REFERENCES contact(id),
        token_sha256 text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
        -- The token itself, sealed with APP_SECRET: the reminder must carry the same link.
        token_sealed text NOT NULL,
        invited_at timestamptz NOT NULL DEFAULT now(),
        reminded_at timestamptz,
        expires_at timestamptz NOT NULL,
        answered_at timestamptz,
        overall smallint CHECK (overall BETWEEN 1 AND 5),
        usefulness smallint CHECK (usefulness BETWEEN 1 AND 5),
        telework_intent text CHECK (telework_intent IN ('introduce', 'extend', 'no', 'undecided')),
        comment text CHECK (length(comment) <= 2000),
        CHECK ((answered_at IS NULL) = (overall IS NULL)),
        CHECK ((answered_at IS NULL) = (usefulness IS NULL))
      )`);
    await db.query(
      `CREATE INDEX satisfaction_survey_unanswered_idx ON satisfaction_survey (invited_at)
        WHERE answered_at IS NULL AND reminded_at IS NULL`,
    );
    await db.query(`ALTER TABLE outbound_mail DROP CONSTRAINT outbound_mail_kind_check`);
    await db.query(
      `ALTER TABLE outbound_mail ADD CONSTRAINT outbound_mail_kind_check
         CHECK (kind IN ('acknowledgement', 'inquiry_received', 'survey_invitation', 'survey_reminder'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DELETE FROM outbound_mail WHERE kind IN ('survey_invitation', 'survey_reminder')`,
    );
    await db.query(`ALTER TABLE outbound_mail DROP CONSTRAINT outbound_mail_kind_check`);
    await db.query(
      `ALTER TABLE outbound_mail ADD CONSTRAINT outbound_mail_kind_check
         CHECK (kind IN ('acknowledgement', 'inquiry_received'))`,
    );
    await db.query(`DROP TABLE satisfaction_survey`);
  }
}
