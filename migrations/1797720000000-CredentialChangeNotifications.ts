import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change that can shorten or narrow a sign-in tells the API instances at once (issue #17).
 *
 * Each instance keeps the principals of the sessions and API tokens it has just authenticated
 * for up to a minute, so that a read does not spend one of its two statements on the sign-in
 * (docs/benchmarks.md, "Sign-in without a statement"). That is only safe if a revocation, a
 * disabled user or a changed role is seen on the very next request everywhere: these triggers
 * `NOTIFY madoguchi_credentials` from the transaction that makes such a change, so every
 * instance's listener empties its cache when it commits, whoever made the change (the API, the
 * CLI, a hand-written UPDATE, a restore). An instance whose listener is not connected caches
 * nothing.
 *
 * Only what narrows access notifies: a revocation, an earlier expiry or last-seen time, a
 * changed role, desk, scope or account. The API's own once-a-minute `last_seen_at` /
 * `last_used_at` writes move forward and stay silent, or each would empty every cache.
 */
const CHANNEL = 'madoguchi_credentials';

const TRIGGERS: ReadonlyArray<readonly [table: string, when: string]> = [
  [
    'app_user',
    `OLD.active IS DISTINCT FROM NEW.active OR OLD.role IS DISTINCT FROM NEW.role
       OR OLD.desk_id IS DISTINCT FROM NEW.desk_id OR OLD.email IS DISTINCT FROM NEW.email
       OR OLD.display_name IS DISTINCT FROM NEW.display_name
       OR OLD.must_change_password IS DISTINCT FROM NEW.must_change_password
       OR OLD.totp_enabled IS DISTINCT FROM NEW.totp_enabled
       OR OLD.password_hash IS DISTINCT FROM NEW.password_hash`,
  ],
  [
    'user_session',
    `OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR NEW.expires_at < OLD.expires_at
       OR NEW.last_seen_at < OLD.last_seen_at OR OLD.user_id IS DISTINCT FROM NEW.user_id
       OR OLD.token_hash IS DISTINCT FROM NEW.token_hash OR OLD.csrf_token IS DISTINCT FROM NEW.csrf_token`,
  ],
  [
    'api_token',
    `OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
       OR NEW.expires_at IS NOT NULL AND (OLD.expires_at IS NULL OR NEW.expires_at < OLD.expires_at)
       OR OLD.role IS DISTINCT FROM NEW.role OR OLD.desk_id IS DISTINCT FROM NEW.desk_id
       OR OLD.scopes IS DISTINCT FROM NEW.scopes OR OLD.user_id IS DISTINCT FROM NEW.user_id
       OR OLD.token_hash IS DISTINCT FROM NEW.token_hash`,
  ],
];

export class CredentialChangeNotifications1797720000000 implements MigrationInterface {
  name = 'CredentialChangeNotifications1797720000000';

  async up(db: QueryRunner): Promise<void> {
    // One notification per transaction whatever it changed: PostgreSQL folds identical ones, and
    // a listener empties its whole cache anyway (changes are rare; knowing which entry is moot).
    await db.query(`
      CREATE FUNCTION notify_credentials_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${CHANNEL}', '');
        RETURN NULL;
      END $$`);
    for (const [table, when] of TRIGGERS) {
      await db.query(`
        CREATE TRIGGER ${table}_credentials_changed AFTER UPDATE ON ${table}
          FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION notify_credentials_changed()`);
      // A deleted row or an emptied table (retention, a hand-over import) takes its sign-ins along.
      await db.query(`
        CREATE TRIGGER ${table}_credentials_removed AFTER DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION notify_credentials_changed()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [table] of [...TRIGGERS].reverse()) {
      await db.query(`DROP TRIGGER ${table}_credentials_removed ON ${table}`);
      await db.query(`DROP TRIGGER ${table}_credentials_changed ON ${table}`);
    }
    await db.query(`DROP FUNCTION notify_credentials_changed()`);
  }
}
