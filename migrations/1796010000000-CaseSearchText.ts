import type { MigrationInterface, QueryRunner } from 'typeorm';

// JavaScript's \s (and String.prototype.trim): what normalizeForSearch folds to one space.
const JS_SPACE = `\\t\\n\\x0b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff`;

/**
 * The non-ASCII letters that JavaScript's toLowerCase turns into one other character, read from
 * the runtime that creates the function. PostgreSQL's lower() follows the database's LC_CTYPE
 * (under the embedded database's C locale it lowers ASCII only), so the SQL spells these out.
 */
function nonAsciiLowercase(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (let cp = 0x80; cp <= 0x10ffff; cp += 1) {
    if (cp >= 0xd800 && cp <= 0xdfff) {
      continue;
    }
    const c = String.fromCodePoint(cp);
    const lower = c.toLowerCase();
    if (lower !== c && [...lower].length === 1) {
      from += c;
      to += lower;
    }
  }
  return { from, to };
}

const range = (first: number, last: number, shift = 0): string =>
  Array.from({ length: last - first + 1 }, (_, i) => String.fromCharCode(first + i + shift)).join(
    '',
  );

/**
 * Case search (issue #15 §6): a normalised search text on every case, kept by PostgreSQL itself,
 * and a GIN index over its characters and character pairs.
 */
export class CaseSearchText1796010000000 implements MigrationInterface {
  name = 'CaseSearchText1796010000000';

  async up(db: QueryRunner): Promise<void> {
    const lower = nonAsciiLowercase();
    // libs/domain's normalizeForSearch in SQL, step by step: NFKC; lower case (ASCII under the C
    // collation whatever the database's locale, the rest spelled out, İ to i + U+0307 as
    // JavaScript does); hiragana to katakana; runs of JavaScript white space to one space; trim.
    // A test compares it with the domain function over every code point. The one difference
    // left is context: JavaScript lowers a word-final Σ to ς, this always to σ.
    await db.query(`
      CREATE FUNCTION search_normalize(t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        SELECT btrim(regexp_replace(translate(
                 CASE WHEN n ~ '[İ${lower.from}]'
                      THEN translate(replace(n, 'İ', E'i\\u0307'), '${lower.from}', '${lower.to}')
                      ELSE n END,
                 '${range(0x3041, 0x3096)}', '${range(0x3041, 0x3096, 0x60)}'),
               E'[${JS_SPACE}]+', ' ', 'g'), ' ')
          FROM (SELECT lower(normalize(t, NFKC) COLLATE "C") AS n) s
      $fn$`);
    // Characters and character pairs (every pair: those at even offsets, then those at odd
    // ones), so a one-character word is found through the index too. Repeats stay: GIN drops
    // them, and built-in functions make a million rows' index in a fraction of a loop's time.
    await db.query(`
      CREATE FUNCTION text_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT string_to_array(t, NULL)
            || ARRAY(SELECT m[1] FROM regexp_matches(t, '..', 'g') AS m)
            || ARRAY(SELECT m[1] FROM regexp_matches(substr(t, 2), '..', 'g') AS m)
      $$`);
    // Number (so its tail finds it), subject and description, kept apart by a space, like
    // libs/domain's caseSearchText. Generated, so every writer keeps it right, SQL ones too.
    await db.query(`
      ALTER TABLE "case" ADD COLUMN search_text text NOT NULL
        GENERATED ALWAYS AS (search_normalize(number || ' ' || subject || ' ' || description)) STORED`);
    // Inserting straight into the index keeps searches from scanning a pending list (see
    // organization_bigrams_idx in SearchAndQueueIndexes).
    await db.query(
      `CREATE INDEX case_search_grams_idx ON "case" USING gin (text_grams(search_text)) WITH (fastupdate = off)`,
    );
    await db.query(
      `CREATE INDEX organization_characters_idx ON organization USING gin (string_to_array(search_text, NULL)) WITH (fastupdate = off)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX organization_characters_idx`);
    await db.query(`DROP INDEX case_search_grams_idx`);
    await db.query(`ALTER TABLE "case" DROP COLUMN search_text`);
    await db.query(`DROP FUNCTION text_grams(text)`);
    await db.query(`DROP FUNCTION search_normalize(text)`);
  }
}
