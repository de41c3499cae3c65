import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations, contacts, cases with their timeline, referrals and idempotent intake. */
export class OrganizationsAndCases1795500000000 implements MigrationInterface {
  name = 'OrganizationsAndCases1795500000000';

  async up(db: QueryRunner): Promise<void> {
    // Distinct two-character substrings: a GIN index over them answers two-character Japanese
    // queries (商事), which trigram indexes cannot.
    await db.query(`
      CREATE FUNCTION text_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}')
          FROM generate_series(1, length(t) - 1) AS i
      $$`);

    await db.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        name_kana text CHECK (length(name_kana) <= 200),
        corporate_number char(13) CHECK (corporate_number ~ '^[1-9][0-9]{12}$'),
        prefecture_code char(2) CHECK (prefecture_code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$'),
        address text CHECK (length(address) <= 300),
        industry_code char(1) CHECK (industry_code ~ '^[A-T]$'),
        sme_sector text CHECK (sme_sector IN ('manufacturing_other', 'wholesale', 'retail', 'services')),
        employees integer CHECK (employees >= 0),
        capital_yen bigint CHECK (capital_yen >= 0),
        telework_status text NOT NULL DEFAULT 'not_started'
          CHECK (telework_status IN ('not_started', 'trial', 'partial', 'adopted')),
        chamber_member boolean NOT NULL DEFAULT false,
        phone text CHECK (phone ~ '^\\+81[0-9]{9,10}$'),
        notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 10000),
        sme boolean,
        sme_reason text NOT NULL,
        -- Maintained by the API from libs/domain's normalisation (NFKC, katakana, digits).
        name_normalized text NOT NULL,
        search_text text NOT NULL,
        search_bigrams text[] GENERATED ALWAYS AS (text_bigrams(search_text)) STORED,
        merged_into uuid REFERENCES organization(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX organization_corporate_number_key ON organization (corporate_number)
        WHERE corporate_number IS NOT NULL AND merged_into IS NULL`,
    );
    await db.query(
      `CREATE INDEX organization_bigrams_idx ON organization USING gin (search_bigrams)`,
    );
    await db.query(
      `CREATE INDEX organization_name_normalized_idx ON organization (name_normalized)`,
    );
    // Single-character typeahead falls back to a prefix match on the normalised text.
    await db.query(
      `CREATE INDEX organization_search_prefix_idx ON organization (search_text text_pattern_ops)`,
    );
    await db.query(
      `CREATE INDEX organization_created_idx ON organization (created_at DESC, id DESC)`,
    );

    await db.query(`
      CREATE TABLE contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        name_kana text CHECK (length(name_kana) <= 100),
        title text CHECK (length(title) <= 100),
        phone text CHECK (phone ~ '^\\+81[0-9]{9,10}$'),
        email text CHECK (email = lower(email) AND length(email) <= 254),
        contact_consent boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX contact_organization_idx ON contact (organization_id)`);
    await db.query(`CREATE INDEX contact_phone_idx ON contact (phone)`);
    await db.query(`CREATE INDEX contact_email_domain_idx ON contact (split_part(email, '@', 2))`);

    // Case numbers restart each fiscal year: 2026-000001, …
    await db.query(`
      CREATE TABLE case_number_sequence (
        fiscal_year integer PRIMARY KEY,
        last_value integer NOT NULL
      )`);

    await db.query(`
      CREATE TABLE "case" (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE CHECK (number ~ '^[0-9]{4}-[0-9]{6}$'),
        organization_id uuid NOT NULL REFERENCES organization(id),
        contact_id uuid REFERENCES contact(id),
        desk_id text NOT NULL REFERENCES desk(id) ON UPDATE CASCADE,
        assignee_id uuid REFERENCES app_user(id),
        channel text NOT NULL CHECK (channel IN ('phone', 'email', 'web', 'walk_in', 'seminar', 'chamber_referral')),
        status text NOT NULL DEFAULT 'new' CHECK (status IN
          ('new', 'in_progress', 'waiting_on_customer', 'referred_to_expert', 'in_sessions', 'follow_up', 'resolved', 'closed')),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
        received_at timestamptz NOT NULL,
        call_direction text CHECK (call_direction IN ('inbound', 'outbound')),
        call_duration_seconds integer CHECK (call_duration_seconds >= 0),
        outcome text CHECK (outcome IN ('adopted', 'planned', 'not_adopted', 'unknown')),
        outcome_confirmed_on date,
        not_adopted_reason text,
        first_response_due_at timestamptz,
        first_responded_at timestamptz,
        resolution_due_at timestamptz,
        closed_at timestamptz,
        created_by uuid REFERENCES app_user(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'closed' OR (outcome IS NOT NULL AND outcome_confirmed_on IS NOT NULL)),
        CHECK (outcome IS DISTINCT FROM 'not_adopted' OR not_adopted_reason IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX case_organization_idx ON "case" (organization_id)`);
    await db.query(
      `CREATE INDEX case_desk_received_idx ON "case" (desk_id, received_at DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX case_received_idx ON "case" (received_at DESC, id DESC)`);
    await db.query(
      `CREATE INDEX case_assignee_open_idx ON "case" (assignee_id, received_at DESC) WHERE status <> 'closed'`,
    );
    await db.query(`CREATE INDEX case_status_idx ON "case" (status, received_at DESC)`);

    await db.query(`
      CREATE TABLE case_topic (
        case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
        topic_code text NOT NULL REFERENCES topic(code),
        PRIMARY KEY (case_id, topic_code)
      )`);
    await db.query(`CREATE INDEX case_topic_topic_idx ON case_topic (topic_code, case_id)`);

    // The timeline is append-only, like the audit trail: what was said stays said.
    await db.query(`
      CREATE TABLE case_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES "case"(id),
        kind text NOT NULL CHECK (kind IN ('created', 'note', 'call', 'email_in', 'email_out', 'status_changed',
          'assigned', 'transferred', 'referral', 'edited', 'session_booked', 'session_completed',
          'session_cancelled', 'session_no_show')),
        actor_id uuid REFERENCES app_user(id),
        at timestamptz NOT NULL DEFAULT now(),
        body text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
        data jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX case_event_case_idx ON case_event (case_id, id)`);
    await db.query(`
      CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER case_event_no_change BEFORE UPDATE OR DELETE ON case_event
      FOR EACH ROW EXECUTE FUNCTION case_event_append_only()`);

    await db.query(`
      CREATE TABLE case_referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES "case"(id),
        program_id uuid NOT NULL REFERENCES referral_program(id),
        note text NOT NULL DEFAULT '',
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, program_id)
      )`);

    // Idempotent intake: a retried POST with the same key returns the case it created.
    await db.query(`
      CREATE TABLE idempotency_key (
        user_id uuid NOT NULL REFERENCES app_user(id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash text NOT NULL,
        -- Set in the same transaction that creates the resource; the row's lock makes a
        -- concurrent retry with the same key wait, then replay.
        resource_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);

    await db.query(`
      CREATE TABLE saved_view (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        query jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, name)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'saved_view',
      'idempotency_key',
      'case_referral',
      'case_event',
      'case_topic',
      '"case"',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP FUNCTION case_event_append_only()`);
    await db.query(`DROP TABLE case_number_sequence`);
    await db.query(`DROP TABLE contact`);
    await db.query(`DROP TABLE organization`);
    await db.query(`DROP FUNCTION text_bigrams(text)`);
  }
}
