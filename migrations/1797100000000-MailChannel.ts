import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The email channel: mailboxes (one desk each), every message received or sent with its raw
 * bytes, and attachments; plus the notifications module's outbox for mail to people outside
 * the staff (acknowledgements), drained by the same job as notification mail.
 */
export class MailChannel1797100000000 implements MigrationInterface {
  name = 'MailChannel1797100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE mailbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        desk_id text NOT NULL REFERENCES desk(id),
        address text NOT NULL CHECK (address ~ '^[^@\\s]+@[^@\\s]+$' AND length(address) <= 254),
        display_name text NOT NULL DEFAULT '' CHECK (length(display_name) <= 100),
        imap_host text CHECK (length(imap_host) <= 253),
        imap_port integer CHECK (imap_port BETWEEN 1 AND 65535),
        imap_tls boolean NOT NULL DEFAULT true,
        imap_user text CHECK (length(imap_user) <= 254),
        -- AES-256-GCM under a key derived from APP_SECRET; never returned by the API.
        imap_password_sealed text,
        smtp_host text CHECK (length(smtp_host) <= 253),
        smtp_port integer CHECK (smtp_port BETWEEN 1 AND 65535),
        smtp_tls boolean NOT NULL DEFAULT true,
        smtp_user text CHECK (length(smtp_user) <= 254),
        smtp_password_sealed text,
        signature text NOT NULL DEFAULT '' CHECK (length(signature) <= 2000),
        ack_language text NOT NULL DEFAULT 'ja' CHECK (ack_language IN ('ja', 'en')),
        ack_template_ja text NOT NULL CHECK (length(ack_template_ja) <= 5000),
        ack_template_en text NOT NULL CHECK (length(ack_template_en) <= 5000),
        ack_max_per_hour integer NOT NULL DEFAULT 3 CHECK (ack_max_per_hour >= 0),
        reopen_within_days integer NOT NULL DEFAULT 14 CHECK (reopen_within_days >= 0),
        max_message_bytes integer NOT NULL DEFAULT 26214400 CHECK (max_message_bytes > 0),
        max_mailbox_bytes bigint NOT NULL DEFAULT 10737418240 CHECK (max_mailbox_bytes > 0),
        -- Where mail from senders who are no known contact is filed until staff move the case.
        intake_organization_id uuid REFERENCES organization(id),
        active boolean NOT NULL DEFAULT true,
        last_polled_at timestamptz,
        last_error text CHECK (length(last_error) <= 2000),
        last_error_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX mailbox_address_key ON mailbox (lower(address))`);
    await db.query(`
      CREATE TABLE mail_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mailbox_id uuid NOT NULL REFERENCES mailbox(id),
        direction text NOT NULL CHECK (direction IN ('in', 'out')),
        -- The Message-ID without brackets, or sha256:<hex> of the raw bytes when it had none.
        message_id text NOT NULL CHECK (length(message_id) <= 998),
        raw bytea,
        raw_size integer NOT NULL DEFAULT 0,
        from_address text NOT NULL DEFAULT '',
        from_name text NOT NULL DEFAULT '',
        to_addresses text[] NOT NULL DEFAULT '{}',
        cc_addresses text[] NOT NULL DEFAULT '{}',
        subject text NOT NULL DEFAULT '',
        body_text text NOT NULL DEFAULT '',
        body_html text,
        sent_at timestamptz,
        received_at timestamptz NOT NULL DEFAULT now(),
        in_reply_to text,
        reference_ids text[] NOT NULL DEFAULT '{}',
        case_id uuid REFERENCES "case"(id),
        action text CHECK (action IN ('created', 'appended', 'ignored')),
        reason text,
        automated_reason text,
        acknowledged_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (direction = 'out' OR raw IS NOT NULL),
        UNIQUE (mailbox_id, message_id)
      )`);
    await db.query(`CREATE INDEX mail_message_case_idx ON mail_message (case_id, received_at)`);
    await db.query(
      `CREATE INDEX mail_message_thread_idx ON mail_message (message_id) WHERE case_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX mail_message_ack_idx ON mail_message (lower(from_address), acknowledged_at)
         WHERE acknowledged_at IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE mail_attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mail_message_id uuid NOT NULL REFERENCES mail_message(id),
        mailbox_id uuid NOT NULL REFERENCES mailbox(id),
        -- The order in the message.
        position integer NOT NULL,
        filename text NOT NULL CHECK (length(filename) <= 255),
        declared_type text NOT NULL,
        sniffed_type text NOT NULL,
        size integer NOT NULL CHECK (size >= 0),
        -- stored: downloadable; quarantined: kept for an admin, never served to staff;
        -- too_large: over the message's or the mailbox's limit, content not kept.
        status text NOT NULL CHECK (status IN ('stored', 'quarantined', 'too_large')),
        status_reason text,
        content bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status = 'too_large' OR content IS NOT NULL)
      )`);
    await db.query(
      `CREATE INDEX mail_attachment_message_idx ON mail_attachment (mail_message_id, position)`,
    );
    await db.query(`CREATE INDEX mail_attachment_mailbox_idx ON mail_attachment (mailbox_id)`);
    await db.query(`
      CREATE TABLE outbound_mail (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        to_address text NOT NULL,
        from_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        message_id text NOT NULL UNIQUE,
        in_reply_to text,
        reference_ids text[] NOT NULL DEFAULT '{}',
        case_id uuid REFERENCES "case"(id),
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX outbound_mail_unsent_idx ON outbound_mail (id) WHERE sent_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbound_mail`);
    await db.query(`DROP TABLE mail_attachment`);
    await db.query(`DROP TABLE mail_message`);
    await db.query(`DROP TABLE mailbox`);
  }
}
