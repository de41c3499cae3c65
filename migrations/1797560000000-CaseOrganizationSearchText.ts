import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case search in one index (issue #15 §6). A word of the search box may be found in the case or
 * in its organization's name, reading, corporate number or phones. With the two in separate
 * indexes, a word found in organizations (山田商事: a few hundred cases spread over three years)
 * or two words found one in each (ヤマダ 労災) meant reading thousands of case rows to combine
 * them: 40–550 ms at 1,000,000 cases. With the organization's search text kept on each case and
 * both indexed together, every word is one probe of one GIN index and the posting lists are
 * intersected before any row is read.
 *
 * The copy is kept by PostgreSQL itself, so every writer keeps it right, raw SQL included: a case
 * takes its organization's text when written or moved (a merge), and an organization's change
 * reaches its cases (a handful each).
 */
export class CaseOrganizationSearchText1797560000000 implements MigrationInterface {
  name = 'CaseOrganizationSearchText1797560000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE "case" ADD COLUMN organization_search_text text NOT NULL DEFAULT ''`,
    );
    await db.query(`
      CREATE FUNCTION case_take_organization_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.organization_search_text :=
          COALESCE((SELECT o.search_text FROM organization o WHERE o.id = NEW.organization_id), '');
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER case_organization_search_text BEFORE INSERT OR UPDATE OF organization_id
        ON "case" FOR EACH ROW EXECUTE FUNCTION case_take_organization_search_text()`);
    await db.query(`
      CREATE FUNCTION organization_search_text_to_cases() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "case" SET organization_search_text = NEW.search_text
         WHERE organization_id = NEW.id AND organization_search_text IS DISTINCT FROM NEW.search_text;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER organization_search_text_to_cases AFTER UPDATE OF search_text ON organization
        FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text)
        EXECUTE FUNCTION organization_search_text_to_cases()`);
    // The old index goes first: the backfill writes a new version of every row, and a GIN index
    // with fastupdate off would take hundreds of keys for each. It changes no column the report
    // roll-ups read either, but their statement trigger would join every old and new row to
    // find that out.
    await db.query(`DROP INDEX case_search_grams_idx`);
    await db.query(`ALTER TABLE "case" DISABLE TRIGGER report_case_updated`);
    await db.query(`
      UPDATE "case" c SET organization_search_text = o.search_text
        FROM organization o WHERE o.id = c.organization_id`);
    await db.query(`ALTER TABLE "case" ENABLE TRIGGER report_case_updated`);
    // The backfill left the rows in the join's order, and half the table dead. The case list
    // walks the newest cases first and counts on them sitting together, as arrival left them:
    // rewrite the table in that order (before the gram index, which would be rebuilt too).
    await db.query(`CLUSTER "case" USING case_received_idx`);
    await db.query(`
      CREATE INDEX case_search_grams_idx ON "case"
        USING gin (text_grams(search_text || ' ' || organization_search_text)) WITH (fastupdate = off)`);
    await db.query(`ANALYZE "case"`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX case_search_grams_idx`);
    await db.query(
      `CREATE INDEX case_search_grams_idx ON "case" USING gin (text_grams(search_text)) WITH (fastupdate = off)`,
    );
    await db.query(`DROP TRIGGER organization_search_text_to_cases ON organization`);
    await db.query(`DROP FUNCTION organization_search_text_to_cases()`);
    await db.query(`DROP TRIGGER case_organization_search_text ON "case"`);
    await db.query(`DROP FUNCTION case_take_organization_search_text()`);
    await db.query(`ALTER TABLE "case" DROP COLUMN organization_search_text`);
    await db.query(`ALTER TABLE "case" SET WITHOUT CLUSTER`);
  }
}
