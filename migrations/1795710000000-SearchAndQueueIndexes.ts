import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes found by the cases benchmark (docs/benchmarks.md) at 1M cases and 300k organizations.
 */
export class SearchAndQueueIndexes1795710000000 implements MigrationInterface {
  name = 'SearchAndQueueIndexes1795710000000';

  async up(db: QueryRunner): Promise<void> {
    // A desk's queue by status, newest first, read in index order and stopped at the page size.
    await db.query(
      `CREATE INDEX case_desk_status_received_idx ON "case" (desk_id, status, received_at DESC, id DESC)`,
    );
    // Typeahead for common terms reads the shortest names first straight from this index.
    await db.query(
      `CREATE INDEX organization_typeahead_order_idx ON organization ((length(name)), name, id)
        WHERE merged_into IS NULL`,
    );
    // Intake adds organizations all day; with the GIN pending list every search scanned the
    // backlog until the next vacuum. Inserting straight into the index keeps searches flat.
    await db.query(`ALTER INDEX organization_bigrams_idx SET (fastupdate = off)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER INDEX organization_bigrams_idx RESET (fastupdate)`);
    await db.query(`DROP INDEX organization_typeahead_order_idx`);
    await db.query(`DROP INDEX case_desk_status_received_idx`);
  }
}
