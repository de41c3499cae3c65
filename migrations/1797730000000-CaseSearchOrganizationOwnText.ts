import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The text a case carries of its organization is the organization's own: name, reading,
 * corporate number and its own phone — no longer its contacts' phones (issue #17).
 *
 * A known organization's new contact changed its search text, and the copy on each of its cases
 * with it: every case row rewritten with all its indexes, 10 ms per such intake (one in ten) at
 * 1,000,000 cases, a sixth of the database's work per intake on average, with each case's row
 * locked meanwhile. The case list now finds a contact's whole phone number through the contact
 * table (CaseListPlan.phone), so nothing is lost that the copy gave, and a number typed with
 * hyphens, which the copy never matched, is found too.
 *
 * `case_search_text` is generated, so every writer (the API, imports, the benchmark's loader)
 * keeps it right, as `case.search_text` is; the organization's full `search_text` (the
 * typeahead's) keeps the contacts' phones.
 */
export class CaseSearchOrganizationOwnText1797730000000 implements MigrationInterface {
  name = 'CaseSearchOrganizationOwnText1797730000000';

  async up(db: QueryRunner): Promise<void> {
    // As libs/domain's organizationSearchText with the organization's own phone only (a stored
    // +81 number searched as its national digits: phoneSearchDigits). search_normalize folds the
    // empty parts' spaces as normalizeForSearch does.
    await db.query(`
      ALTER TABLE organization ADD COLUMN case_search_text text NOT NULL
        GENERATED ALWAYS AS (search_normalize(
          name || ' ' || coalesce(name_kana, '') || ' ' || coalesce(corporate_number, '') || ' ' ||
          coalesce(CASE WHEN phone LIKE '+81%' THEN '0' || substr(phone, 4)
                        ELSE regexp_replace(phone, '\\D', '', 'g') END, ''))) STORED`);
    await this.copyFrom(db, 'case_search_text');
  }

  async down(db: QueryRunner): Promise<void> {
    await this.copyFrom(db, 'search_text');
    await db.query(`ALTER TABLE organization DROP COLUMN case_search_text`);
  }

  /** Points the copy's triggers at one of the organization's columns, and brings cases in step. */
  private async copyFrom(db: QueryRunner, column: 'search_text' | 'case_search_text') {
    await db.query(`DROP TRIGGER organization_search_text_to_cases ON organization`);
    await db.query(`
      CREATE OR REPLACE FUNCTION case_take_organization_search_text() RETURNS trigger
        LANGUAGE plpgsql AS $$
      BEGIN
        NEW.organization_search_text :=
          COALESCE((SELECT o.${column} FROM organization o WHERE o.id = NEW.organization_id), '');
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION organization_search_text_to_cases() RETURNS trigger
        LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "case" SET organization_search_text = NEW.${column}
         WHERE organization_id = NEW.id AND organization_search_text IS DISTINCT FROM NEW.${column};
        RETURN NULL;
      END $$`);
    // A generated column cannot be named in UPDATE OF: for it, the condition alone says when.
    await db.query(`
      CREATE TRIGGER organization_search_text_to_cases
        AFTER UPDATE${column === 'search_text' ? ' OF search_text' : ''} ON organization
        FOR EACH ROW WHEN (OLD.${column} IS DISTINCT FROM NEW.${column})
        EXECUTE FUNCTION organization_search_text_to_cases()`);
    // Only the cases whose text changes (organizations with contacts on other numbers). The
    // report roll-ups read none of these columns; their statement trigger would still join every
    // old and new row to find that out.
    await db.query(`ALTER TABLE "case" DISABLE TRIGGER report_case_updated`);
    await db.query(`
      UPDATE "case" c SET organization_search_text = o.${column}
        FROM organization o
       WHERE o.id = c.organization_id AND c.organization_search_text IS DISTINCT FROM o.${column}`);
    await db.query(`ALTER TABLE "case" ENABLE TRIGGER report_case_updated`);
  }
}
