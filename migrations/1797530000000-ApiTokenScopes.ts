import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an API token may do within its role: `read` (GET), `write` (everything the role may do)
 * and `mail_ingest` (only delivering mail). Tokens issued before scopes could do everything.
 */
export class ApiTokenScopes1797530000000 implements MigrationInterface {
  name = 'ApiTokenScopes1797530000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE api_token
        ADD COLUMN scopes text[] NOT NULL DEFAULT ARRAY['read', 'write']::text[],
        ADD CONSTRAINT api_token_scopes_check
          CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'write', 'mail_ingest']::text[])`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE api_token DROP CONSTRAINT api_token_scopes_check`);
    await db.query(`ALTER TABLE api_token DROP COLUMN scopes`);
  }
}
