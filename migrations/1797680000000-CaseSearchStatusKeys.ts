import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case's status as one more key in its search index (issue #15 §6). A text search filtered by
 * status ("open cases of ヤマダ") found its matches through the index but had to read every one of
 * them, over all the years, to keep the few still open: an organization's name found in a few
 * hundred cases cost a thousand pages (20–40 ms at 1,000,000 cases). With `'#s'` and the status
 * among the keys, the index intersects the words with the wanted statuses before any case is read,
 * and the latest weeks' window (CaseSearchWeeks) applies to a filtered search too.
 *
 * A status change already rewrites every index entry of the case (status is a key of the list's
 * btree indexes, so the update is never HOT); the search index gains one key, not an update.
 */
export class CaseSearchStatusKeys1797680000000 implements MigrationInterface {
  name = 'CaseSearchStatusKeys1797680000000';

  async up(db: QueryRunner): Promise<void> {
    // The body of the three-argument function again, not a call to it: PostgreSQL 17 builds an
    // index with search_path set to pg_catalog only, where a call to another function of ours
    // fails.
    await db.query(`
      CREATE FUNCTION case_search_keys(t text, o text, at timestamptz, status text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT string_to_array(t || ' ' || o, NULL)
              || ARRAY(SELECT m[1] FROM regexp_matches(t || ' ' || o, '..', 'g') AS m)
              || ARRAY(SELECT m[1] FROM regexp_matches(substr(t || ' ' || o, 2), '..', 'g') AS m)
              || ('#w' || floor(extract(epoch FROM at AT TIME ZONE 'UTC') / 604800)::bigint::text)
              || ('#s' || status)
        $$`);
    await db.query(`DROP INDEX case_search_keys_idx`);
    await db.query(`
      CREATE INDEX case_search_keys_idx ON "case"
        USING gin (case_search_keys(search_text, organization_search_text, received_at, status))
        WITH (fastupdate = off)`);
    await db.query(`DROP FUNCTION case_search_keys(text, text, timestamptz)`);
    await db.query(`ANALYZE "case"`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION case_search_keys(t text, o text, at timestamptz) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT string_to_array(t || ' ' || o, NULL)
              || ARRAY(SELECT m[1] FROM regexp_matches(t || ' ' || o, '..', 'g') AS m)
              || ARRAY(SELECT m[1] FROM regexp_matches(substr(t || ' ' || o, 2), '..', 'g') AS m)
              || ('#w' || floor(extract(epoch FROM at AT TIME ZONE 'UTC') / 604800)::bigint::text)
        $$`);
    await db.query(`DROP INDEX case_search_keys_idx`);
    await db.query(`
      CREATE INDEX case_search_keys_idx ON "case"
        USING gin (case_search_keys(search_text, organization_search_text, received_at))
        WITH (fastupdate = off)`);
    await db.query(`DROP FUNCTION case_search_keys(text, text, timestamptz, text)`);
  }
}
