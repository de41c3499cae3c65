import { searchWords } from '@madoguchi/domain';

/** Runs one statement: the API passes TypeORM's DataSource, the benchmark's baseline a pg Pool. */
export type RunQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

export interface CaseListRow {
  id: string;
  number: string;
  status: string;
  channel: string;
  desk_id: string;
  assignee_id: string | null;
  subject: string;
  received_at: Date;
  organization_id: string;
  organization_name: string;
  prefecture_code: string | null;
  first_response_due_at: Date | null;
  first_responded_at: Date | null;
  resolution_due_at: Date | null;
  transfer_to_desk_id: string | null;
  transfer_accept_due_at: Date | null;
  version: number;
  topics: string[];
}

export interface CaseListPlan {
  /** Conditions on `c` (case) and `o` (its organization), the principal's scope first. */
  where: string[];
  /** Their parameters; more are appended. */
  params: unknown[];
  q?: string;
  ascending: boolean;
  /** The keyset cursor's last row. */
  after?: { at: string; id: string };
  limit: number;
  /** How many of the newest matching-filter cases a text search reads before the indexes. */
  walkRows: number;
}

/**
 * A text search reads the newest cases first and stops at a page of matches: common words
 * (VPN, テレワーク) fill a page within a few hundred cases. Only when this many cases hold too
 * few matches does it ask the indexes, which then return few rows to sort.
 */
export const SEARCH_WALK_ROWS = 5000;
/** An organization word matching more organizations than this is not listed by id. */
export const ORGANIZATION_PROBE_CAP = 2000;

const CASE_NUMBER = /^\d{4}-\d{6}$/;

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, '\\$&');

const COLUMNS = [
  'id',
  'number',
  'status',
  'channel',
  'desk_id',
  'assignee_id',
  'subject',
  'received_at',
  'organization_id',
  'first_response_due_at',
  'version',
  'first_responded_at',
  'resolution_due_at',
  'transfer_to_desk_id',
  'transfer_accept_due_at',
];
const topics = (alias: string) =>
  `ARRAY(SELECT t.topic_code FROM case_topic t WHERE t.case_id = ${alias}.id ORDER BY t.topic_code) AS topics`;

/**
 * The case list's rows (up to limit + 1, to tell whether there is a next page): filters, scope,
 * keyset pagination and the search box. Shared by CaseListService and the benchmark's baseline,
 * so both run the same statements.
 *
 * q: a case number is an exact lookup. Otherwise every word (split on any space, normalised
 * like organization search) must be found in the case (number, subject, description: its
 * generated `search_text`) or in its organization's search text (name, reading, corporate
 * number, phones).
 */
export async function selectCaseList(run: RunQuery, plan: CaseListPlan): Promise<CaseListRow[]> {
  const params = [...plan.params];
  const p = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [...plan.where];
  const direction = plan.ascending ? 'ASC' : 'DESC';
  if (plan.after) {
    where.push(
      `(c.received_at, c.id) ${plan.ascending ? '>' : '<'} (${p(plan.after.at)}::timestamptz, ${p(plan.after.id)}::uuid)`,
    );
  }
  const words = plan.q ? searchWords(plan.q) : [];
  const order = (alias: string) =>
    `ORDER BY ${alias}.received_at ${direction}, ${alias}.id ${direction}`;
  const plain = async (conditions: string[], values: unknown[]) =>
    (await run(
      `SELECT ${COLUMNS.map((c) => `c.${c}`).join(', ')}, o.name AS organization_name, o.prefecture_code,
              ${topics('c')}
         FROM "case" c JOIN organization o ON o.id = c.organization_id
        WHERE ${conditions.join(' AND ')}
        ${order('c')}
        LIMIT ${Number(plan.limit) + 1}`,
      values,
    )) as CaseListRow[];
  if (words.length === 0) {
    return plain(where, params);
  }
  if (words.length === 1 && CASE_NUMBER.test(words[0]!)) {
    // A case number is an exact lookup on its unique index, not a text search.
    return plain([...where, `c.number = ${p(words[0])}`], params);
  }
  const likes = words.map((w) => `%${escapeLike(w)}%`);

  // 1. Walk the newest cases (the filters' own index order) and stop at a page of matches.
  if (plan.walkRows > 0) {
    const walk = [...params];
    const w = (value: unknown): string => {
      walk.push(value);
      return `$${walk.length}`;
    };
    const rows = (await run(
      `SELECT ${COLUMNS.map((c) => `w.${c}`).join(', ')}, w.organization_name, w.prefecture_code,
              ${topics('w')}
         FROM (SELECT ${COLUMNS.map((c) => `c.${c}`).join(', ')}, o.name AS organization_name,
                      o.prefecture_code, c.search_text, o.search_text AS organization_search_text
                 FROM "case" c JOIN organization o ON o.id = c.organization_id
                WHERE ${where.join(' AND ')}
                ${order('c')}
                LIMIT ${Number(plan.walkRows)}) w
        WHERE ${likes
          .map((like) => {
            const n = w(like);
            return `(w.search_text LIKE ${n} OR w.organization_search_text LIKE ${n})`;
          })
          .join(' AND ')}
        ${order('w')}
        LIMIT ${Number(plan.limit) + 1}`,
      walk,
    )) as CaseListRow[];
    if (rows.length > plan.limit) {
      return rows;
    }
  }

  // 2. Too few among the newest: the word is rare. The organizations that match each word,
  //    by their own index (few ids, or too many to list), then the cases by theirs.
  const probe: unknown[] = [];
  const [organizations] = (await run(
    `SELECT ${words
      .map((word, i) => {
        probe.push(word, likes[i]);
        const [text, like] = [`$${probe.length - 1}`, `$${probe.length}`];
        const grams =
          [...word].length > 1
            ? `o.search_bigrams @> text_bigrams(${text})`
            : `text_unigrams(o.search_text) @> ARRAY[${text}]::text[]`;
        return `ARRAY(SELECT o.id FROM organization o WHERE ${grams} AND o.search_text LIKE ${like}
                       LIMIT ${ORGANIZATION_PROBE_CAP + 1}) AS w${i}`;
      })
      .join(', ')}`,
    probe,
  )) as Record<string, string[]>[];
  for (const [i, word] of words.entries()) {
    const text = p(word);
    const like = p(likes[i]);
    const grams = [...word].length > 1 ? `text_bigrams(${text})` : `ARRAY[${text}]::text[]`;
    const inCase = `(text_grams(c.search_text) @> ${grams} AND c.search_text LIKE ${like})`;
    const ids = organizations?.[`w${i}`] ?? [];
    where.push(
      ids.length === 0
        ? inCase
        : ids.length > ORGANIZATION_PROBE_CAP
          ? `(${inCase} OR o.search_text LIKE ${like})`
          : `(${inCase} OR c.organization_id = ANY(${p(ids)}::uuid[]))`,
    );
  }
  return plain(where, params);
}
