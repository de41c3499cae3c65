import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Keys of a timeline entry's `data` that may carry words a person wrote or said. */
const TIMELINE_TEXT_KEYS = [
  'body',
  'note',
  'reason',
  'comment',
  'text',
  'subject',
  'description',
  'name',
  'email',
  'phone',
  'address',
  'location',
  'findings',
  'recommendations',
  'nextSteps',
  'resultNote',
  'cancelReason',
];

const CASE_EVENT_APPEND_ONLY = `
  CREATE OR REPLACE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'case_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END $$`;

const AUDIT_EVENT_APPEND_ONLY = `
  CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END $$`;

/**
 * Data stewardship (issue #20): retention terms per data class, the record of each
 * pseudonymization run, legal holds, and the requests people make about their data under APPI.
 *
 * The rewriting itself is a handful of SECURITY DEFINER functions owned by the migrator. The
 * timeline (`case_event`) and the audit trail are append-only: the API's runtime role has only
 * INSERT and SELECT there, and their triggers refuse any change. Granting the runtime role UPDATE
 * on their text columns would let any code path of the API rewrite history; instead these
 * functions, reviewed here once, are the only way: they run as the owner, replace text with the
 * marker and never touch ids, kinds, times or codes. The append-only triggers let an UPDATE
 * through only inside them (a transaction-local flag they set) and only when every identifying
 * column stays as it was; DELETE and TRUNCATE stay refused for everyone.
 */
export class DataStewardship1797610000000 implements MigrationInterface {
  name = 'DataStewardship1797610000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE retention_policy (
        data_class text PRIMARY KEY
          CHECK (data_class IN ('contacts', 'case_text', 'raw_mail', 'audit_events', 'sign_in_records')),
        fiscal_years integer NOT NULL DEFAULT 5 CHECK (fiscal_years BETWEEN 1 AND 30),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES app_user(id)
      )`);
    await db.query(`
      INSERT INTO retention_policy (data_class)
      VALUES ('contacts'), ('case_text'), ('raw_mail'), ('audit_events'), ('sign_in_records')`);

    await db.query(`
      CREATE TABLE pseudonymization_run (
        id bigserial PRIMARY KEY,
        dry_run boolean NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'admin', 'erasure')),
        as_of timestamptz NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        counts jsonb NOT NULL DEFAULT '{}',
        case_ids_sample uuid[] NOT NULL DEFAULT '{}',
        started_by uuid REFERENCES app_user(id),
        reason text CHECK (length(reason) <= 2000),
        error text CHECK (length(error) <= 2000)
      )`);
    await db.query(
      `CREATE INDEX pseudonymization_run_started_idx ON pseudonymization_run (started_at DESC)`,
    );

    await db.query(`
      CREATE TABLE legal_hold (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid REFERENCES "case"(id),
        organization_id uuid REFERENCES organization(id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        set_by uuid REFERENCES app_user(id),
        set_at timestamptz NOT NULL DEFAULT now(),
        released_by uuid REFERENCES app_user(id),
        released_at timestamptz,
        release_reason text CHECK (length(release_reason) <= 2000),
        CHECK ((case_id IS NULL) <> (organization_id IS NULL)),
        CHECK ((released_at IS NULL) = (release_reason IS NULL))
      )`);
    // One hold in force per case or organization; released ones stay as history.
    await db.query(
      `CREATE UNIQUE INDEX legal_hold_case_active ON legal_hold (case_id) WHERE released_at IS NULL AND case_id IS NOT NULL`,
    );
    await db.query(
      `CREATE UNIQUE INDEX legal_hold_organization_active ON legal_hold (organization_id) WHERE released_at IS NULL AND organization_id IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE data_subject_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('disclosure', 'correction', 'stop_of_use', 'erasure')),
        status text NOT NULL DEFAULT 'received'
          CHECK (status IN ('received', 'in_progress', 'answered', 'rejected')),
        requester_name text NOT NULL CHECK (length(requester_name) BETWEEN 1 AND 200),
        requester_email text CHECK (length(requester_email) <= 254),
        requester_phone text CHECK (length(requester_phone) <= 40),
        received_at timestamptz NOT NULL,
        due_on date NOT NULL,
        answered_at timestamptz,
        notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 10000),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((status = 'answered') = (answered_at IS NOT NULL))
      )`);
    await db.query(
      `CREATE INDEX data_subject_request_received_idx ON data_subject_request (received_at DESC)`,
    );

    // When a record's personal data was replaced: a run skips what is already done, and a page
    // can say why a name reads as the marker.
    await db.query(`ALTER TABLE "case" ADD COLUMN pseudonymized_at timestamptz`);
    await db.query(`ALTER TABLE contact ADD COLUMN pseudonymized_at timestamptz`);
    await db.query(`ALTER TABLE mail_message ADD COLUMN pseudonymized_at timestamptz`);
    await db.query(`ALTER TABLE audit_event ADD COLUMN pseudonymized_at timestamptz`);
    // Closed cases by closure time, for the nightly selection.
    await db.query(
      `CREATE INDEX case_closed_unpseudonymized_idx ON "case" (closed_at) WHERE status = 'closed' AND pseudonymized_at IS NULL`,
    );

    await db.query(`
      CREATE OR REPLACE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('madoguchi.pseudonymizing', true) = 'on'
           AND NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.kind = OLD.kind
           AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.at = OLD.at THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'case_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('madoguchi.pseudonymizing', true) = 'on'
           AND NEW.id = OLD.id AND NEW.action = OLD.action AND NEW.entity_type = OLD.entity_type
           AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id AND NEW.at = OLD.at
           AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);

    // Every string in a JSON value replaced by the marker; keys, numbers and booleans stay.
    await db.query(`
      CREATE FUNCTION steward_mask_json(j jsonb, marker text) RETURNS jsonb
      LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        RETURN CASE jsonb_typeof(j)
          WHEN 'string' THEN to_jsonb(marker)
          WHEN 'object' THEN (SELECT coalesce(jsonb_object_agg(e.key, steward_mask_json(e.value, marker)), '{}'::jsonb)
                                FROM jsonb_each(j) AS e)
          WHEN 'array' THEN (SELECT coalesce(jsonb_agg(steward_mask_json(e.value, marker)), '[]'::jsonb)
                               FROM jsonb_array_elements(j) AS e)
          ELSE j END;
      END $$`);

    await db.query(`
      CREATE FUNCTION steward_case_held(p_case_id uuid) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT EXISTS (
          SELECT 1 FROM legal_hold h JOIN "case" c ON c.id = p_case_id
           WHERE h.released_at IS NULL AND (h.case_id = c.id OR h.organization_id = c.organization_id))
      $$`);

    const keys = `ARRAY[${TIMELINE_TEXT_KEYS.map((k) => `'${k}'`).join(', ')}]`;
    const mask = (col: string) => `CASE WHEN ${col} IS NULL THEN NULL ELSE p_marker END`;
    // The text of cases: the case itself, its timeline, follow-ups, referrals, sessions,
    // surveys and the mails sent to its contact. Held cases are skipped here too.
    await db.query(`
      CREATE FUNCTION steward_scrub_case_text(p_case_ids uuid[], p_marker text) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        ids uuid[];
        n_cases int; n_events int; n_follow_ups int; n_referrals int; n_sessions int;
        n_surveys int; n_outbound int; n_inquiries int; n_notifications int;
      BEGIN
        ids := ARRAY(SELECT c.id FROM "case" c
                      WHERE c.id = ANY(p_case_ids) AND c.pseudonymized_at IS NULL
                        AND NOT steward_case_held(c.id));
        PERFORM set_config('madoguchi.pseudonymizing', 'on', true);
        UPDATE "case" SET subject = p_marker,
               description = CASE WHEN description = '' THEN '' ELSE p_marker END,
               transfer_reason = ${mask('transfer_reason')},
               not_adopted_reason = ${mask('not_adopted_reason')},
               pseudonymized_at = now()
         WHERE id = ANY(ids);
        GET DIAGNOSTICS n_cases = ROW_COUNT;
        UPDATE case_event e
           SET body = CASE WHEN e.body = '' THEN '' ELSE p_marker END,
               data = e.data || coalesce((SELECT jsonb_object_agg(d.key, steward_mask_json(d.value, p_marker))
                                            FROM jsonb_each(e.data) AS d WHERE d.key = ANY(${keys})), '{}'::jsonb)
         WHERE e.case_id = ANY(ids) AND (e.body <> '' OR e.data ?| ${keys});
        GET DIAGNOSTICS n_events = ROW_COUNT;
        UPDATE follow_up SET note = CASE WHEN note = '' THEN '' ELSE p_marker END,
               result_note = ${mask('result_note')}
         WHERE case_id = ANY(ids);
        GET DIAGNOSTICS n_follow_ups = ROW_COUNT;
        UPDATE case_referral SET note = CASE WHEN note = '' THEN '' ELSE p_marker END
         WHERE case_id = ANY(ids);
        GET DIAGNOSTICS n_referrals = ROW_COUNT;
        UPDATE expert_session SET findings = ${mask('findings')},
               recommendations = ${mask('recommendations')}, next_steps = ${mask('next_steps')},
               location = ${mask('location')}, cancel_reason = ${mask('cancel_reason')},
               kind_override_reason = ${mask('kind_override_reason')}
         WHERE case_id = ANY(ids);
        GET DIAGNOSTICS n_sessions = ROW_COUNT;
        UPDATE satisfaction_survey SET comment = ${mask('comment')} WHERE case_id = ANY(ids);
        GET DIAGNOSTICS n_surveys = ROW_COUNT;
        UPDATE outbound_mail SET subject = p_marker, body = p_marker, to_address = p_marker,
               last_error = ${mask('last_error')}
         WHERE case_id = ANY(ids);
        GET DIAGNOSTICS n_outbound = ROW_COUNT;
        UPDATE public_inquiry SET preferred_times = CASE WHEN preferred_times = '' THEN '' ELSE p_marker END
         WHERE case_id = ANY(ids);
        GET DIAGNOSTICS n_inquiries = ROW_COUNT;
        UPDATE notification SET title = p_marker, body = CASE WHEN body = '' THEN '' ELSE p_marker END
         WHERE case_id = ANY(ids);
        GET DIAGNOSTICS n_notifications = ROW_COUNT;
        PERFORM set_config('madoguchi.pseudonymizing', 'off', true);
        RETURN jsonb_build_object('cases', n_cases, 'caseEvents', n_events, 'followUps', n_follow_ups,
          'referrals', n_referrals, 'sessions', n_sessions, 'surveys', n_surveys,
          'outboundMails', n_outbound, 'publicInquiries', n_inquiries, 'notifications', n_notifications);
      END $$`);

    // Mail of cases: the raw message emptied, the text and addresses replaced, attachments deleted.
    await db.query(`
      CREATE FUNCTION steward_scrub_mail(p_case_ids uuid[], p_marker text) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        ids uuid[];
        n_messages int; n_attachments int;
      BEGIN
        ids := ARRAY(SELECT m.id FROM mail_message m
                      WHERE m.case_id = ANY(p_case_ids) AND m.pseudonymized_at IS NULL
                        AND NOT steward_case_held(m.case_id));
        DELETE FROM mail_attachment WHERE mail_message_id = ANY(ids);
        GET DIAGNOSTICS n_attachments = ROW_COUNT;
        -- An inbound message must keep some raw bytes (a CHECK); an empty one says it is gone.
        UPDATE mail_message SET raw = CASE WHEN raw IS NULL THEN NULL ELSE ''::bytea END,
               body_text = p_marker, body_html = NULL, subject = p_marker, from_name = p_marker,
               from_address = p_marker, to_addresses = '{}', cc_addresses = '{}',
               send_error = ${mask('send_error')}, pseudonymized_at = now()
         WHERE id = ANY(ids);
        GET DIAGNOSTICS n_messages = ROW_COUNT;
        RETURN jsonb_build_object('mailMessages', n_messages, 'mailAttachments', n_attachments);
      END $$`);

    // Contacts: who they are goes; the row, its organization and its dates stay.
    await db.query(`
      CREATE FUNCTION steward_scrub_contacts(p_contact_ids uuid[], p_marker text) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE n_contacts int;
      BEGIN
        UPDATE contact SET name = p_marker, name_kana = NULL, phone = NULL, email = NULL,
               title = NULL, pseudonymized_at = now()
         WHERE id = ANY(p_contact_ids) AND pseudonymized_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL
                             AND h.organization_id = contact.organization_id);
        GET DIAGNOSTICS n_contacts = ROW_COUNT;
        RETURN jsonb_build_object('contacts', n_contacts);
      END $$`);

    // Audit entries: about the given records, their values masked (keys stay, so what changed
    // is still known); older than the cutoff, the address they came from goes too.
    await db.query(`
      CREATE FUNCTION steward_scrub_audit(p_entity_ids text[], p_cutoff timestamptz, p_marker text) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE n_about int; n_addresses int;
      BEGIN
        PERFORM set_config('madoguchi.pseudonymizing', 'on', true);
        UPDATE audit_event SET changes = steward_mask_json(changes, p_marker),
               meta = steward_mask_json(meta, p_marker), ip = NULL, pseudonymized_at = now()
         WHERE entity_id = ANY(p_entity_ids) AND pseudonymized_at IS NULL
           AND (p_cutoff IS NULL OR at < p_cutoff);
        GET DIAGNOSTICS n_about = ROW_COUNT;
        n_addresses := 0;
        IF p_cutoff IS NOT NULL THEN
          UPDATE audit_event SET ip = NULL WHERE at < p_cutoff AND ip IS NOT NULL;
          GET DIAGNOSTICS n_addresses = ROW_COUNT;
        END IF;
        PERFORM set_config('madoguchi.pseudonymizing', 'off', true);
        RETURN jsonb_build_object('auditEvents', n_about, 'auditAddresses', n_addresses);
      END $$`);

    // Sign-in records past their term: failed and successful attempts, and ended sessions.
    await db.query(`
      CREATE FUNCTION steward_purge_sign_ins(p_cutoff timestamptz) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE n_attempts int; n_sessions int;
      BEGIN
        DELETE FROM login_attempt WHERE at < p_cutoff;
        GET DIAGNOSTICS n_attempts = ROW_COUNT;
        DELETE FROM user_session WHERE expires_at < p_cutoff OR revoked_at < p_cutoff;
        GET DIAGNOSTICS n_sessions = ROW_COUNT;
        RETURN jsonb_build_object('loginAttempts', n_attempts, 'userSessions', n_sessions);
      END $$`);
    for (const fn of [
      'steward_scrub_case_text(uuid[], text)',
      'steward_scrub_mail(uuid[], text)',
      'steward_scrub_contacts(uuid[], text)',
      'steward_scrub_audit(text[], timestamptz, text)',
      'steward_purge_sign_ins(timestamptz)',
    ]) {
      // Only the API's role gets EXECUTE (runtime grants), not every role of the cluster.
      await db.query(`REVOKE EXECUTE ON FUNCTION ${fn} FROM PUBLIC`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION steward_purge_sign_ins(timestamptz)`);
    await db.query(`DROP FUNCTION steward_scrub_audit(text[], timestamptz, text)`);
    await db.query(`DROP FUNCTION steward_scrub_contacts(uuid[], text)`);
    await db.query(`DROP FUNCTION steward_scrub_mail(uuid[], text)`);
    await db.query(`DROP FUNCTION steward_scrub_case_text(uuid[], text)`);
    await db.query(`DROP FUNCTION steward_case_held(uuid)`);
    await db.query(`DROP FUNCTION steward_mask_json(jsonb, text)`);
    await db.query(AUDIT_EVENT_APPEND_ONLY);
    await db.query(CASE_EVENT_APPEND_ONLY);
    await db.query(`DROP INDEX case_closed_unpseudonymized_idx`);
    await db.query(`ALTER TABLE "case" DROP COLUMN pseudonymized_at`);
    await db.query(`ALTER TABLE contact DROP COLUMN pseudonymized_at`);
    await db.query(`ALTER TABLE mail_message DROP COLUMN pseudonymized_at`);
    // The trigger refuses UPDATE, not DDL: dropping the column rewrites no row through it.
    await db.query(`ALTER TABLE audit_event DROP COLUMN pseudonymized_at`);
    await db.query(`DROP TABLE data_subject_request`);
    await db.query(`DROP TABLE legal_hold`);
    await db.query(`DROP TABLE pseudonymization_run`);
    await db.query(`DROP TABLE retention_policy`);
  }
}
