import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-in sessions, API tokens, login attempts, two-factor secrets and the append-only audit trail. */
export class AccountsAndAudit1795400000000 implements MigrationInterface {
  name = 'AccountsAndAudit1795400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE app_user
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_enabled boolean NOT NULL DEFAULT false,
        ADD COLUMN password_changed_at timestamptz,
        ADD COLUMN last_login_at timestamptz,
        ADD COLUMN version integer NOT NULL DEFAULT 1`);

    // The cookie carries a random token; only its SHA-256 is stored, so a leaked table signs no one in.
    await db.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES app_user(id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip inet,
        user_agent text
      )`);
    await db.query(
      `CREATE INDEX user_session_user_idx ON user_session (user_id) WHERE revoked_at IS NULL`,
    );

    await db.query(`
      CREATE TABLE api_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        token_prefix text NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        user_id uuid NOT NULL REFERENCES app_user(id),
        role text NOT NULL CHECK (role IN ('operator', 'desk_staff', 'expert', 'manager', 'admin')),
        desk_id text REFERENCES desk(id) ON UPDATE CASCADE,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        CHECK (role <> 'desk_staff' OR desk_id IS NOT NULL)
      )`);

    // Every sign-in attempt; the throttle counts recent failures per account and per address.
    await db.query(`
      CREATE TABLE login_attempt (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email text NOT NULL,
        ip inet,
        succeeded boolean NOT NULL,
        reason text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX login_attempt_email_idx ON login_attempt (email, at DESC) WHERE NOT succeeded`,
    );
    await db.query(
      `CREATE INDEX login_attempt_ip_idx ON login_attempt (ip, at DESC) WHERE NOT succeeded`,
    );

    await db.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        ip inet,
        request_id text,
        changes jsonb,
        meta jsonb
      )`);
    await db.query(`CREATE INDEX audit_event_at_idx ON audit_event (at DESC)`);
    await db.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, at DESC)`);
    await db.query(
      `CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, at DESC)`,
    );
    // Append-only, enforced below the application: triggers fire for the table owner too.
    await db.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
    await db.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_event`);
    await db.query(`DROP FUNCTION audit_event_append_only()`);
    await db.query(`DROP TABLE login_attempt`);
    await db.query(`DROP TABLE api_token`);
    await db.query(`DROP TABLE user_session`);
    await db.query(`
      ALTER TABLE app_user
        DROP COLUMN totp_secret, DROP COLUMN totp_enabled, DROP COLUMN password_changed_at,
        DROP COLUMN last_login_at, DROP COLUMN version`);
  }
}
