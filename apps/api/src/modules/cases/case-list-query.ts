import { searchWords } from '@madoguchi/domain';
import { numberQuery } from '../organizations/organization-search';

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
  /**
   * Conditions on `c` (case) and `o` (its organization): the principal's scope first (always
   * one condition, `TRUE` for national staff), then the filters; the status filter apart.
   */
  where: string[];
  /**
   * The status filter: a condition like the others, and for a text search also keys of the
   * search index (`'#s'` and the status), so the index keeps only cases in those statuses.
   */
  statuses?: string[];
  /** Their parameters; more are appended. */
  params: unknown[];
  q?: string;
  ascending: boolean;
  /** The keyset cursor's last row. */
  after?: { at: string; id: string };
  limit: number;
  /** How many of the newest matching-filter cases a text search reads before the indexes. */
  walkRows: number;
  /** The walk's first step (SEARCH_WALK_FIRST unless a test sets it). */
  walkFirst?: number;
}

/**
 * A text search reads the newest cases first and stops at a page of matches: common words
 * (VPN, テレワーク) fill a page within a few hundred cases. Only when this many cases hold too
 * few matches does it ask the indexes, which then return few rows to sort.
 */
export const SEARCH_WALK_ROWS = 5000;

/**
 * The walk's first step: enough cases to tell a word that could fill a page within
 * SEARCH_WALK_ROWS (a rate of 1 in 100 finds about 10 here) from one that cannot.
 */
export const SEARCH_WALK_FIRST = 1000;

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
 * generated `search_text`) or in its organization's own search text (name, reading, corporate
 * number, its own phone). A whole phone number (numberQuery) is an exact lookup of the cases of
 * the organizations with that number, their own or a contact's: the cases' search text has only
 * their organization's own number, and only as digits.
 */
export async function selectCaseList(run: RunQuery, plan: CaseListPlan): Promise<CaseListRow[]> {
  const params = [...plan.params];
  const p = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [...plan.where];
  if (plan.statuses?.length) {
    where.push(statusCondition(plan.statuses, params));
  }
  const direction = plan.ascending ? 'ASC' : 'DESC';
  /** Cases after (at, id) in list order: the cursor's page, or a walk's second step. */
  const after = (values: unknown[], at: string, id: string) =>
    `(c.received_at, c.id) ${plan.ascending ? '>' : '<'} ($${values.push(at)}::timestamptz, $${values.push(id)}::uuid)`;
  if (plan.after) {
    where.push(after(params, plan.after.at, plan.after.id));
  }
  const words = plan.q ? searchWords(plan.q) : [];
  const orderBy = (alias: string, dir: string) =>
    `ORDER BY ${alias}.received_at ${dir}, ${alias}.id ${dir}`;
  const order = (alias: string) => orderBy(alias, direction);
  const joinsOrganization = (condition: string) => /\bo\./.test(condition);
  // The filters' table: the organization too where a filter reads it (the number and phone
  // lookups below add conditions on the case alone).
  const fromCase = `"case" c${where.some(joinsOrganization) ? ' JOIN organization o ON o.id = c.organization_id' : ''}`;
  /**
   * The page's keys first, from the filters' own index (desk, status, received_at, id: read
   * without the table), then only its rows. Asked for whole rows at once, the planner walked
   * a received_at index of every open case instead, expecting the status it filters for to be
   * spread evenly: when the newest cases were all `new`, a page of `follow_up` read 64,000
   * index entries and rows first, 35–45 ms at 1,000,000 cases instead of 3–4.
   */
  const plain = async (conditions: string[], values: unknown[]) =>
    (await run(
      `WITH page AS MATERIALIZED (
         SELECT c.id FROM ${fromCase}
          WHERE ${conditions.join(' AND ')}
          ${order('c')}
          LIMIT ${Number(plan.limit) + 1})
       SELECT ${COLUMNS.map((c) => `c.${c}`).join(', ')}, o.name AS organization_name, o.prefecture_code,
              ${topics('c')}
         FROM page JOIN "case" c ON c.id = page.id JOIN organization o ON o.id = c.organization_id
        ${order('c')}`,
      values,
    )) as CaseListRow[];
  if (words.length === 0) {
    return plain(where, params);
  }
  if (words.length === 1 && CASE_NUMBER.test(words[0]!)) {
    // A case number is an exact lookup on its unique index, not a text search.
    return plain([...where, `c.number = ${p(words[0])}`], params);
  }
  const phoneNumber = plan.q ? numberQuery(plan.q)?.phone : null;
  if (phoneNumber) {
    // So is a whole phone number, on the organizations' and contacts' numbers: the cases of every
    // organization that has it. The text search would intersect the index's lists of digit
    // pairs that nearly every case has (a case number's, a date's), 40–150 ms at 1,000,000 cases.
    const phone = p(phoneNumber);
    return plain(
      [
        ...where,
        `c.organization_id IN (SELECT id FROM organization WHERE phone = ${phone}
                                UNION ALL SELECT organization_id FROM contact WHERE phone = ${phone})`,
      ],
      params,
    );
  }
  const likes = words.map((w) => `%${escapeLike(w)}%`);
  // Each word in the case's own text or its organization's (kept on the case, one index).
  const searched = (alias: string) =>
    `(${alias}.search_text || ' ' || ${alias}.organization_search_text)`;
  const matches = (values: unknown[], alias: string): string[] =>
    likes.map((like) => {
      values.push(like);
      return `${searched(alias)} LIKE $${values.length}`;
    });
  const reverse = (alias: string) => orderBy(alias, plan.ascending ? 'DESC' : 'ASC');
  type StepStart = { at: string; id: string };
  /** The filters, and for a step that goes on from an earlier one, "after its last case". */
  const stepWhere = (values: unknown[], from?: StepStart): string[] =>
    from ? [...where, after(values, from.at, from.id)] : where;
  /**
   * The matches among the next `rows` cases in list order (the filters' own index order), up to
   * `wanted`. It stops reading as soon as it has them: a common word reads a few hundred cases.
   */
  const walk = async (rows: number, wanted: number, from?: StepStart) => {
    const values = [...params];
    const conditions = stepWhere(values, from);
    return (await run(
      `SELECT ${COLUMNS.map((c) => `w.${c}`).join(', ')}, o.name AS organization_name,
              o.prefecture_code, ${topics('w')}
         FROM (SELECT ${COLUMNS.map((c) => `c.${c}`).join(', ')}, c.search_text, c.organization_search_text
                 FROM ${fromCase}
                WHERE ${conditions.join(' AND ')}
                ${order('c')}
                LIMIT ${Number(rows)}) w
         JOIN organization o ON o.id = w.organization_id
        WHERE ${matches(values, 'w').join(' AND ')}
        ${order('w')}
        LIMIT ${Number(wanted)}`,
      values,
    )) as CaseListRow[];
  };
  /**
   * How many cases a step that found too few has read (fewer than `rows`: it saw every case that
   * passes the filters) and the last of them, where the next step goes on; keys only, from the
   * list order's index, so the cases already read are not read again.
   */
  const stepEnd = async (rows: number, from?: StepStart) => {
    const values = [...params];
    const conditions = stepWhere(values, from);
    const [end] = (await run(
      `WITH step AS MATERIALIZED (
         SELECT c.received_at, c.id FROM ${fromCase}
          WHERE ${conditions.join(' AND ')}
          ${order('c')}
          LIMIT ${Number(rows)})
       SELECT (SELECT count(*)::int FROM step) AS seen,
              -- As text, so the next step starts after it to the microsecond (a Date keeps ms).
              (SELECT step.received_at::text FROM step ${reverse('step')} LIMIT 1) AS last_at,
              (SELECT step.id FROM step ${reverse('step')} LIMIT 1) AS last_id`,
      values,
    )) as { seen: number; last_at: string | null; last_id: string | null }[];
    return {
      seen: end?.seen ?? 0,
      last: end?.last_at && end.last_id ? { at: end.last_at, id: end.last_id } : undefined,
    };
  };

  // 1. Walk the newest cases and stop at a page of matches. The first walkFirst cases tell the
  //    word's rate: only a rate that could fill a page within walkRows (with a factor of two as
  //    margin) walks on, from the first step's last case. A rare word (an organization's name)
  //    then costs a short walk before the indexes, not the whole one.
  // 2. When the walk found too few, fewer cases than it may read passing the filters (a status
  //    or a desk with few open cases) means it has seen them all: what it found is the answer.
  if (plan.walkRows > 0) {
    const first = Math.min(plan.walkFirst ?? SEARCH_WALK_FIRST, plan.walkRows);
    const found = await walk(first, plan.limit + 1);
    if (found.length > plan.limit) {
      return found;
    }
    const end = await stepEnd(first);
    if (end.seen < first) {
      return found;
    }
    const rest = plan.walkRows - first;
    // Under a status filter the cases a step reads lie scattered over the table (a page each,
    // where unfiltered neighbours share pages), while the index keeps only cases in those
    // statuses: walk on only when the rate would fill the page in half the rows, not twice.
    const margin = plan.statuses?.length ? 0.5 : 2;
    if (rest > 0 && end.last && (margin * found.length * plan.walkRows) / first >= plan.limit + 1) {
      const rows = [...found, ...(await walk(rest, plan.limit + 1 - found.length, end.last))];
      if (rows.length > plan.limit || (await stepEnd(rest, end.last)).seen < rest) {
        return rows;
      }
    }
  }

  // 3. Too few among the newest: the words are rare, or rare together. One probe of the search
  //    index with every word's grams intersects their posting lists before any row is read;
  //    the case's own filters join the bitmap where the planner finds an index for them. Only
  //    the cases found are read and sorted. (Left to itself, with the ORDER BY … LIMIT in the
  //    same query, the planner walks the whole table on a bad estimate: hence the CTE.)
  const grams = words
    .map((word) => {
      params.push(word);
      return [...word].length > 1
        ? `text_bigrams($${params.length})`
        : `ARRAY[$${params.length}]::text[]`;
    })
    .join(' || ');
  const keys = `case_search_keys(c.search_text, c.organization_search_text, c.received_at, c.status)`;
  const inCte = where.filter((condition) => !joinsOrganization(condition));
  const afterJoin = where.filter(joinsOrganization);
  const probe = async (weeks: string[] | null) => {
    const values = [...params];
    const inWeeks = weeks ? [`${keys} && $${values.push(weeks)}::text[]`] : [];
    const inStatuses = plan.statuses?.length
      ? [`${keys} && $${values.push(plan.statuses.map((s) => `#s${s}`))}::text[]`]
      : [];
    // Without conditions on the organization, the page is cut from the hits themselves, so only
    // its rows are read again for their columns (the hits of a word found in an organization
    // number hundreds; each read again cost a page).
    const page =
      afterJoin.length === 0
        ? `, top AS (SELECT id FROM hit ${order('hit')} LIMIT ${Number(plan.limit) + 1})`
        : '';
    return (await run(
      `WITH hit AS MATERIALIZED (
         SELECT c.id, c.received_at FROM "case" c
          WHERE ${keys} @> (${grams})
            AND ${[...inWeeks, ...inStatuses, ...matches(values, 'c'), ...inCte].join(' AND ')})${page}
       SELECT ${COLUMNS.map((c) => `c.${c}`).join(', ')}, o.name AS organization_name, o.prefecture_code,
              ${topics('c')}
         FROM ${page ? 'top' : 'hit'} JOIN "case" c ON c.id = ${page ? 'top' : 'hit'}.id
         JOIN organization o ON o.id = c.organization_id
        ${afterJoin.length > 0 ? `WHERE ${afterJoin.join(' AND ')}` : ''}
        ${order('c')}
        LIMIT ${Number(plan.limit) + 1}`,
      values,
    )) as CaseListRow[];
  };
  // Windows only for a search without filters (where[0] is the principal's scope): a filter
  // (status, desk, channel…) keeps few of the matches, spread over the years, so a window would
  // only add probes before all weeks. A status filter costs little there: the status is among the
  // index's keys, so only the matching cases in those statuses are read.
  if (!plan.ascending && plan.where.length === 1 && !plan.statuses?.length) {
    // Newest first: the latest weeks alone hold the answer when they hold a page (everything
    // outside them arrived earlier). A word found in an organization with a few hundred cases over
    // the years then reads a few dozen of them instead of all. When they hold fewer, the rate they
    // were found at says how many weeks a page needs: one wider probe if that is within reach,
    // else (none found, or a filter that keeps few of them) straight to all weeks, so a rare
    // answer costs one probe more than without windows, not several.
    const top = plan.after
      ? new Date(plan.after.at)
      : ((await run(`SELECT max(received_at) AS at FROM "case"`, [])) as { at: Date | null }[])[0]
          ?.at;
    if (top) {
      const first = await probe(searchWeeks(top, SEARCH_WEEKS_FIRST));
      if (first.length > plan.limit) {
        return first;
      }
      const span = weeksForPage(first.length, plan.limit + 1);
      if (span !== null) {
        const wider = await probe(searchWeeks(top, span));
        if (wider.length > plan.limit) {
          return wider;
        }
      }
    }
  }
  return probe(null);
}

/**
 * The status filter as a condition on `c`. One status is a plain equality, which lets PostgreSQL
 * walk (desk, status, received_at) in order; = ANY does not.
 */
export function statusCondition(statuses: string[], params: unknown[]): string {
  if (statuses.length === 1) {
    params.push(statuses[0]);
    return `c.status = $${params.length}`;
  }
  params.push(statuses);
  return `c.status = ANY($${params.length}::text[])`;
}

/** The latest weeks a text search asks the index for first. */
export const SEARCH_WEEKS_FIRST = 8;
/** The widest window worth a second probe; beyond it, all weeks at once. */
export const SEARCH_WEEKS_MAX = 104;

/**
 * How many weeks should hold `wanted` matches when the first window held `found`, with half
 * again as margin; null when that is out of reach (nothing found, or more than SEARCH_WEEKS_MAX).
 */
export function weeksForPage(found: number, wanted: number): number | null {
  if (found === 0) {
    return null;
  }
  const span = Math.ceil(((SEARCH_WEEKS_FIRST * wanted) / found) * 1.5);
  return span <= SEARCH_WEEKS_MAX ? span : null;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * The index's week keys (see migration CaseSearchWeeks: `'#w'` and the week number since the Unix
 * epoch) of the `span` weeks ending with the one holding `top`.
 */
export function searchWeeks(top: Date, span: number): string[] {
  const last = Math.floor(top.getTime() / WEEK_MS);
  return Array.from({ length: span }, (_, i) => `#w${last - i}`);
}
