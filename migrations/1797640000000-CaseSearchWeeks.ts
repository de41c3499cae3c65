import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The week a case arrived, as one more key in its search index (issue #15 §6). A search whose
 * words are rare among the newest cases asks the gram index; for a word found in an organization
 * with a few hundred cases over the years, the index answers in a few dozen pages but every case
 * it names had to be read to keep the newest fifty (1,191 heap pages, 20–35 ms at 1,000,000
 * cases). With the week among the keys, one probe can ask for the matches of the latest weeks
 * only — the same posting lists intersected with those weeks' — and read just those cases; a wider
 * window follows only when they are too few.
 *
 * The key is a token no normalised text yields as a gram (grams are one or two characters).
 * Weeks count from the Unix epoch (`'#w'` and the week's number), so they do not depend on the
 * time zone, and the function is immutable as an index needs.
 */
export class CaseSearchWeeks1797640000000 implements MigrationInterface {
  name = 'CaseSearchWeeks1797640000000';

  async up(db: QueryRunner): Promise<void> {
    // text_grams' body again rather than a call to it: PostgreSQL 17 builds an index with
    // search_path set to pg_catalog only, where a call to another function of ours fails. The
    // week is the epoch of a UTC timestamp: every function in the body is then truly immutable
    // (extract from a timestamptz is only stable).
    await db.query(`
      CREATE FUNCTION case_search_keys(t text, o text, at timestamptz) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT string_to_array(t || ' ' || o, NULL)
              || ARRAY(SELECT m[1] FROM regexp_matches(t || ' ' || o, '..', 'g') AS m)
              || ARRAY(SELECT m[1] FROM regexp_matches(substr(t || ' ' || o, 2), '..', 'g') AS m)
              || ('#w' || floor(extract(epoch FROM at AT TIME ZONE 'UTC') / 604800)::bigint::text)
        $$`);
    await db.query(`DROP INDEX case_search_grams_idx`);
    await db.query(`
      CREATE INDEX case_search_keys_idx ON "case"
        USING gin (case_search_keys(search_text, organization_search_text, received_at))
        WITH (fastupdate = off)`);
    await db.query(`ANALYZE "case"`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX case_search_keys_idx`);
    await db.query(`
      CREATE INDEX case_search_grams_idx ON "case"
        USING gin (text_grams(search_text || ' ' || organization_search_text)) WITH (fastupdate = off)`);
    await db.query(`DROP FUNCTION case_search_keys(text, text, timestamptz)`);
  }
}
