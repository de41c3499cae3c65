import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who has a case open right now, shared by every API instance. Rows are heartbeats that go
 * stale within seconds, so losing them in a crash costs nothing: the table is UNLOGGED.
 */
export class CasePresence1795720000000 implements MigrationInterface {
  name = 'CasePresence1795720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE case_presence (
        case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        -- One browser tab: the same user may have the case open twice.
        connection_id uuid NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, connection_id)
      )`);
    await db.query(`CREATE INDEX case_presence_seen_idx ON case_presence (seen_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE case_presence`);
  }
}
