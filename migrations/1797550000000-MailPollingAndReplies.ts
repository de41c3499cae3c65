import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * IMAP polling and replies from the case:
 * - `mail_poll_lease`: one row per mailbox naming the instance that polls it until `expires_at`;
 *   taken and renewed with a conditional upsert, so any number of instances poll a mailbox once.
 * - replies are outgoing `mail_message` rows sent by a job through the mailbox's SMTP, with
 *   their sending state (`pending` until the server accepts, `failed` once retries are spent).
 */
export class MailPollingAndReplies1797550000000 implements MigrationInterface {
  name = 'MailPollingAndReplies1797550000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE mail_poll_lease (
        mailbox_id uuid PRIMARY KEY REFERENCES mailbox(id),
        holder text NOT NULL CHECK (length(holder) <= 200),
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`
      ALTER TABLE mail_message
        ADD COLUMN send_status text CHECK (send_status IN ('pending', 'sent', 'failed')),
        ADD COLUMN send_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN send_error text CHECK (length(send_error) <= 2000),
        ADD COLUMN send_after timestamptz,
        ADD COLUMN author_id uuid REFERENCES app_user(id),
        ADD CONSTRAINT mail_message_send_status_out CHECK (send_status IS NULL OR direction = 'out')`);
    await db.query(
      `CREATE INDEX mail_message_send_pending_idx ON mail_message (send_after) WHERE send_status = 'pending'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX mail_message_send_pending_idx`);
    await db.query(`
      ALTER TABLE mail_message
        DROP CONSTRAINT mail_message_send_status_out,
        DROP COLUMN author_id,
        DROP COLUMN send_after,
        DROP COLUMN send_error,
        DROP COLUMN send_attempts,
        DROP COLUMN send_status`);
    await db.query(`DROP TABLE mail_poll_lease`);
  }
}
