import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contacts who are no longer there (left the company, moved on) stay on record, marked, for
 * the cases that name them; `left_at` says since when. Contact visibility (APPI, issue #15 §5)
 * looks a contact's cases up by `case.contact_id`, and the organization search finds a
 * contact's exact email address, so both get an index.
 */
export class ContactPrivacy1796040000000 implements MigrationInterface {
  name = 'ContactPrivacy1796040000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE contact
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN left_at timestamptz,
        ADD CONSTRAINT contact_left_at_check CHECK (active = (left_at IS NULL))`);
    await db.query(
      `CREATE INDEX case_contact_idx ON "case" (contact_id) WHERE contact_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX contact_email_idx ON contact (email) WHERE email IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX contact_email_idx`);
    await db.query(`DROP INDEX case_contact_idx`);
    await db.query(`
      ALTER TABLE contact
        DROP CONSTRAINT contact_left_at_check,
        DROP COLUMN left_at,
        DROP COLUMN active`);
  }
}
