import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search indexes take a case's or an organization's keys into a pending list (GIN's
 * `fastupdate`) instead of one by one into the index tree, and the API merges the lists in the
 * background every few seconds (`search_index_flush`, where jobs run) (issue #17).
 *
 * A case has ~270 search keys (every character and pair of characters of its text and its
 * organization's). Inserted one by one, each is a descent of the index's tree and a WAL record:
 * ~1,000 buffers and ~4 ms of PostgreSQL's CPU per case, half of an intake's database work at
 * 1,000,000 cases (docs/benchmarks.md, "Intake: the search index's pending list"). Appended to the
 * pending list they cost a few pages; merged later, many cases at a time, each key is one descent
 * for all of them: 1.8 ms a case merging 38 cases, 0.5 ms merging 380.
 *
 * A search reads the pending list in full besides the tree, so its size is bounded twice: the
 * background merge keeps it to a few seconds of intakes, and `gin_pending_list_limit` makes the
 * writer that fills it merge it there and then (an instance without jobs, or more intakes than
 * the merge keeps up with). A full list of the case index (4 MB, ~900 cases) adds ~500 buffers
 * and ~2 ms to a text search; 380 cases measured 218 pages and +0.9 ms. The organizations' two indexes (the typeahead's pairs, the
 * single-character search) take the same path with a smaller list: an organization has fewer
 * keys, and the typeahead is the most frequent read of all.
 */
const INDEXES = [
  ['case_search_keys_idx', 4096],
  ['organization_bigrams_idx', 512],
  ['organization_characters_idx', 512],
] as const;

export class SearchIndexPendingLists1797710000000 implements MigrationInterface {
  name = 'SearchIndexPendingLists1797710000000';

  async up(db: QueryRunner): Promise<void> {
    for (const [index, limitKb] of INDEXES) {
      await db.query(
        `ALTER INDEX ${index} SET (fastupdate = on, gin_pending_list_limit = ${limitKb})`,
      );
    }
    // Merging a pending list is for the index's owner; the API may serve with a role that owns
    // nothing (DATABASE_RUNTIME_ROLE), so the merge runs with the owner's rights, and only this.
    await db.query(`
      CREATE FUNCTION search_index_flush() RETURNS bigint LANGUAGE sql SECURITY DEFINER
        SET search_path = pg_catalog, public AS $$
        SELECT ${INDEXES.map(([index]) => `gin_clean_pending_list('public.${index}'::regclass)`).join(' + ')}
      $$`);
    await db.query(`REVOKE ALL ON FUNCTION search_index_flush() FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Entries left in a pending list stay searchable, but only a vacuum would ever merge them
    // once fastupdate is off: merge them now.
    await db.query(`SELECT search_index_flush()`);
    await db.query(`DROP FUNCTION search_index_flush()`);
    for (const [index] of INDEXES) {
      await db.query(`ALTER INDEX ${index} SET (fastupdate = off)`);
      await db.query(`ALTER INDEX ${index} RESET (gin_pending_list_limit)`);
    }
  }
}
