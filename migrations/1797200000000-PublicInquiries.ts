import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public web inquiry form: each submission with the consent it was given under (APPI: the
 * purpose of use, its version and the very text shown), the spent proof-of-work challenges (a
 * solved challenge is good once), the submission attempts the rate limits count (in PostgreSQL,
 * so the limits hold across instances), and mail to people who are not staff (the outbox).
 */
export class PublicInquiries1797200000000 implements MigrationInterface {
  name = 'PublicInquiries1797200000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per accepted submission; a repeat of the same message within the hour points at
    // the case of the first one (appended = true) instead of opening a new case.
    await db.query(`
      CREATE TABLE public_inquiry (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES "case"(id),
        appended boolean NOT NULL DEFAULT false,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        language text NOT NULL CHECK (language IN ('ja', 'en')),
        consent_version text NOT NULL CHECK (length(consent_version) BETWEEN 1 AND 40),
        consent_text text NOT NULL CHECK (length(consent_text) BETWEEN 1 AND 4000),
        consent_text_sha256 text NOT NULL CHECK (consent_text_sha256 ~ '^[0-9a-f]{64}$'),
        proof_of_work boolean NOT NULL,
        preferred_channel text NOT NULL CHECK (preferred_channel IN ('email', 'phone')),
        preferred_times text NOT NULL DEFAULT '' CHECK (length(preferred_times) <= 200),
        email_message_key text CHECK (email_message_key ~ '^[0-9a-f]{64}$'),
        phone_message_key text CHECK (phone_message_key ~ '^[0-9a-f]{64}$')
      )`);
    await db.query(`CREATE INDEX public_inquiry_case_idx ON public_inquiry (case_id)`);
    await db.query(
      `CREATE INDEX public_inquiry_email_key_idx ON public_inquiry (email_message_key, submitted_at)
        WHERE email_message_key IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX public_inquiry_phone_key_idx ON public_inquiry (phone_message_key, submitted_at)
        WHERE phone_message_key IS NOT NULL`,
    );
    // The cap on submissions without proof of work counts these.
    await db.query(
      `CREATE INDEX public_inquiry_unverified_idx ON public_inquiry (submitted_at) WHERE NOT proof_of_work`,
    );
    await db.query(`
      CREATE TABLE public_challenge_spent (
        challenge_id text PRIMARY KEY CHECK (length(challenge_id) <= 200),
        expires_at timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX public_challenge_spent_expires_idx ON public_challenge_spent (expires_at)`,
    );
    await db.query(`
      CREATE TABLE public_submission_attempt (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ip inet,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX public_submission_attempt_at_idx ON public_submission_attempt (at)`,
    );
    await db.query(
      `CREATE INDEX public_submission_attempt_ip_idx ON public_submission_attempt (ip, at)`,
    );
    // Mail to addresses that are not staff accounts (the mail channel's outbox, created by
    // MailChannel): what each row is, so a receipt is told apart from an acknowledgement.
    await db.query(`
      ALTER TABLE outbound_mail ADD COLUMN kind text NOT NULL DEFAULT 'acknowledgement'
        CONSTRAINT outbound_mail_kind_check CHECK (kind IN ('acknowledgement', 'inquiry_received'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbound_mail DROP COLUMN kind`);
    await db.query(`DROP TABLE public_submission_attempt`);
    await db.query(`DROP TABLE public_challenge_spent`);
    await db.query(`DROP TABLE public_inquiry`);
  }
}
