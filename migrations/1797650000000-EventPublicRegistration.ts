import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'acknowledgement', 'inquiry_received', 'survey_invitation', 'survey_reminder', 'survey_resent'`;
const EVENT_KINDS = `'event_registered', 'event_promoted', 'event_reminder'`;

/**
 * Public registration for outreach events: an event is open to the public page only once staff
 * publish it; a public registration keeps the consent it was given under and the hash of its
 * cancellation link (never the link itself), and when its reminder went out (at most once).
 * The mails to registrants are their own outbox kinds.
 */
export class EventPublicRegistration1797650000000 implements MigrationInterface {
  name = 'EventPublicRegistration1797650000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE event ADD COLUMN published boolean NOT NULL DEFAULT false`);
    await db.query(
      `ALTER TABLE event_registration DROP CONSTRAINT event_registration_source_check`,
    );
    await db.query(
      `ALTER TABLE event_registration ADD CONSTRAINT event_registration_source_check
         CHECK (source IN ('staff', 'import', 'public'))`,
    );
    await db.query(`
      ALTER TABLE event_registration
        ADD COLUMN cancel_token_sha256 text UNIQUE CHECK (cancel_token_sha256 ~ '^[0-9a-f]{64}$'),
        ADD COLUMN consent_version text CHECK (length(consent_version) <= 40),
        ADD COLUMN consent_text_sha256 text CHECK (consent_text_sha256 ~ '^[0-9a-f]{64}$'),
        ADD COLUMN reminded_at timestamptz,
        ADD CONSTRAINT event_registration_public_consent_check
          CHECK (source <> 'public' OR (consent_version IS NOT NULL AND consent_text_sha256 IS NOT NULL))`);
    await db.query(`ALTER TABLE outbound_mail DROP CONSTRAINT outbound_mail_kind_check`);
    await db.query(
      `ALTER TABLE outbound_mail ADD CONSTRAINT outbound_mail_kind_check
         CHECK (kind IN (${KINDS_BEFORE}, ${EVENT_KINDS}))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM outbound_mail WHERE kind IN (${EVENT_KINDS})`);
    await db.query(`ALTER TABLE outbound_mail DROP CONSTRAINT outbound_mail_kind_check`);
    await db.query(
      `ALTER TABLE outbound_mail ADD CONSTRAINT outbound_mail_kind_check CHECK (kind IN (${KINDS_BEFORE}))`,
    );
    await db.query(`DELETE FROM event_registration WHERE source = 'public'`);
    await db.query(`
      ALTER TABLE event_registration
        DROP CONSTRAINT event_registration_public_consent_check,
        DROP COLUMN reminded_at,
        DROP COLUMN consent_text_sha256,
        DROP COLUMN consent_version,
        DROP COLUMN cancel_token_sha256`);
    await db.query(
      `ALTER TABLE event_registration DROP CONSTRAINT event_registration_source_check`,
    );
    await db.query(
      `ALTER TABLE event_registration ADD CONSTRAINT event_registration_source_check
         CHECK (source IN ('staff', 'import'))`,
    );
    await db.query(`ALTER TABLE event DROP COLUMN published`);
  }
}
