import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contact may opt out of satisfaction surveys (from the link in the mail or the page), and
 * staff may resend an unanswered survey: when it was last resent is kept on the survey. The
 * resend mail is its own outbox kind so that the outbox shows which mail went out and why.
 */
export class SurveyOptOutAndResend1797540000000 implements MigrationInterface {
  name = 'SurveyOptOutAndResend1797540000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contact ADD COLUMN survey_opt_out_at timestamptz`);
    await db.query(`ALTER TABLE satisfaction_survey ADD COLUMN resent_at timestamptz`);
    await db.query(`ALTER TABLE outbound_mail DROP CONSTRAINT outbound_mail_kind_check`);
    await db.query(
      `ALTER TABLE outbound_mail ADD CONSTRAINT outbound_mail_kind_check
         CHECK (kind IN ('acknowledgement', 'inquiry_received', 'survey_invitation', 'survey_reminder', 'survey_resent'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM outbound_mail WHERE kind = 'survey_resent'`);
    await db.query(`ALTER TABLE outbound_mail DROP CONSTRAINT outbound_mail_kind_check`);
    await db.query(
      `ALTER TABLE outbound_mail ADD CONSTRAINT outbound_mail_kind_check
         CHECK (kind IN ('acknowledgement', 'inquiry_received', 'survey_invitation', 'survey_reminder'))`,
    );
    await db.query(`ALTER TABLE satisfaction_survey DROP COLUMN resent_at`);
    await db.query(`ALTER TABLE contact DROP COLUMN survey_opt_out_at`);
  }
}
