import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roll-ups for the manager reports (issue #7: a fiscal year of ~380,000 cases in ≤ 100 ms warm).
 *
 * Design, measured in docs/benchmarks.md ("Reports"):
 * - report_case_state holds, per case, the figures the reports read as they were last counted
 *   (its Tokyo day, desk, channel, status, outcome, organization attributes, topics, programs,
 *   sessions, first-response verdict). Statement-level triggers on every table that changes one
 *   of them (case, case_topic, organization, expert_session, case_referral,
 *   report_first_response) call report_refresh_cases(ids): it locks those cases' state rows,
 *   recounts them from the base tables, and writes the difference (-old, +new) to the roll-ups
 *   in the same transaction. Recounting from the base tables, instead of interpreting each kind
 *   of change, keeps every path (merge, transfer, session cancelled, topic edited) right.
 * - The roll-ups are append-only: a write inserts delta rows and never updates a shared row, so
 *   concurrent intakes on the same desk and day never wait on each other or deadlock. Readers sum
 *   n over a key, which is right whatever has been compacted; report_rollup_compact() (run by
 *   the API every minute) folds the deltas into one compacted row per key.
 * - Grains: case counts by Tokyo day (caseload by day/week, backlog, funnel, referrals,
 *   sessions); organization and topic attributes by month, one attribute per row, because on
 *   real (and random bench) data a day × desk × channel × status × prefecture × industry × size
 *   key is as fine as the cases themselves and would not compress; the SLA histogram (business
 *   minutes to first response) by month.
 * The bands and codes below are frozen with this migration; the reports' e2e test compares every
 * roll-up figure with a direct count from the base tables, so a drift fails the build.
 */

interface Rollup {
  table: string;
  keys: [name: string, type: string][];
  values: [name: string, type: string][];
  /** The rows a set `x` of report_case_state rows (with a `sign` column) contributes. */
  rows: string;
}

const CASE_KEYS: [string, string][] = [
  ['desk_id', 'text NOT NULL'],
  ['transfer_to_desk_id', 'text'],
  ['channel', 'text NOT NULL'],
];

const ROLLUPS: Rollup[] = [
  {
    table: 'report_case_day',
    keys: [
      ['day', 'date NOT NULL'],
      ...CASE_KEYS,
      ['status', 'text NOT NULL'],
      ['outcome', 'text'],
      ['with_session', 'boolean NOT NULL'],
      ['referred', 'boolean NOT NULL'],
    ],
    values: [['n', 'integer NOT NULL']],
    rows: `SELECT x.day, x.desk_id, x.transfer_to_desk_id, x.channel, x.status, x.outcome,
                  cardinality(x.session_days) > 0, cardinality(x.programs) > 0, x.sign
             FROM src x`,
  },
  {
    table: 'report_case_month_attr',
    keys: [
      ['month', 'date NOT NULL'],
      ...CASE_KEYS,
      ['status', 'text NOT NULL'],
      ['outcome', 'text'],
      ['attr', 'text NOT NULL'],
      ['value', 'text NOT NULL'],
    ],
    values: [['n', 'integer NOT NULL']],
    rows: `SELECT date_trunc('month', x.day)::date, x.desk_id, x.transfer_to_desk_id, x.channel,
                  x.status, x.outcome, a.attr, a.value, x.sign
             FROM src x CROSS JOIN LATERAL (
               SELECT 'prefecture' AS attr, x.prefecture AS value
               UNION ALL SELECT 'industry', x.industry
               UNION ALL SELECT 'size_band', x.size_band
               UNION ALL SELECT 'sme', x.sme
               UNION ALL (SELECT DISTINCT 'topic', split_part(t, '.', 1) FROM unnest(x.topics) t)
               UNION ALL SELECT 'topic', 'unknown' WHERE cardinality(x.topics) = 0
               UNION ALL SELECT 'topic2', t FROM unnest(x.topics) t
               UNION ALL SELECT 'topic2', 'unknown' WHERE cardinality(x.topics) = 0) a`,
  },
  {
    table: 'report_referral_day',
    keys: [['day', 'date NOT NULL'], ...CASE_KEYS, ['program_id', 'uuid NOT NULL']],
    values: [['n', 'integer NOT NULL']],
    rows: `SELECT x.day, x.desk_id, x.transfer_to_desk_id, x.channel, p, x.sign
             FROM src x CROSS JOIN LATERAL unnest(x.programs) p`,
  },
  {
    // Sessions by the Tokyo day they are held, on the case's desk and channel.
    table: 'report_session_day',
    keys: [
      ['day', 'date NOT NULL'],
      ...CASE_KEYS,
      ['expert_id', 'uuid NOT NULL'],
      ['kind', 'text NOT NULL'],
    ],
    values: [
      ['sessions', 'integer NOT NULL'],
      ['completed', 'integer NOT NULL'],
      ['honorarium_yen', 'bigint NOT NULL'],
    ],
    rows: `SELECT s.day, x.desk_id, x.transfer_to_desk_id, x.channel, s.expert, s.kind,
                  x.sign, x.sign * s.completed::int, x.sign * s.yen::bigint
             FROM src x CROSS JOIN LATERAL unnest(x.session_days, x.session_experts,
                  x.session_kinds, x.session_completed, x.session_yen) s(day, expert, kind, completed, yen)`,
  },
  {
    // First-response verdicts (met, late, open) and, for answered cases, the business minutes.
    table: 'report_sla_month',
    keys: [
      ['month', 'date NOT NULL'],
      ...CASE_KEYS,
      ['verdict', 'text NOT NULL'],
      ['minutes', 'integer'],
    ],
    values: [['n', 'integer NOT NULL']],
    rows: `SELECT date_trunc('month', x.day)::date, x.desk_id, x.transfer_to_desk_id, x.channel,
                  x.fr_verdict, x.fr_minutes, x.sign
             FROM src x WHERE x.fr_verdict IS NOT NULL`,
  },
];

const keyList = (r: Rollup) => r.keys.map(([k]) => k).join(', ');
const valueList = (r: Rollup) => r.values.map(([v]) => v).join(', ');

/** INSERT of the summed contributions of `src` (a CTE of state rows with a sign) into a roll-up. */
function insertDeltas(r: Rollup, compacted: boolean): string {
  const sums = r.values.map(([v]) => `sum(${v})`);
  return `INSERT INTO ${r.table} (${keyList(r)}, ${valueList(r)}, compacted)
    SELECT ${keyList(r)}, ${sums.join(', ')}, ${compacted}
      FROM (${r.rows}) AS contribution (${keyList(r)}, ${valueList(r)})
     GROUP BY ${keyList(r)}
    HAVING ${sums.map((s) => `${s} <> 0`).join(' OR ')}`;
}

// Tokyo day, organization attributes (missing ones 'unknown', as the reports show them), size
// band as libs/domain's sizeBand, topics, programs and the sessions that count (not cancelled).
const SOURCE_VIEW = `
  CREATE VIEW report_case_source AS
  SELECT c.id AS case_id,
         (c.received_at AT TIME ZONE 'Asia/Tokyo')::date AS day,
         c.desk_id, c.transfer_to_desk_id, c.channel, c.status, c.outcome,
         coalesce(o.prefecture_code::text, 'unknown') AS prefecture,
         coalesce(o.industry_code::text, 'unknown') AS industry,
         CASE WHEN o.employees IS NULL OR o.employees < 0 THEN 'unknown'
              WHEN o.employees <= 4 THEN '1-4' WHEN o.employees <= 20 THEN '5-20'
              WHEN o.employees <= 50 THEN '21-50' WHEN o.employees <= 100 THEN '51-100'
              WHEN o.employees <= 300 THEN '101-300' ELSE '301+' END AS size_band,
         CASE WHEN o.sme THEN 'true' WHEN NOT o.sme THEN 'false' ELSE 'unknown' END AS sme,
         ARRAY(SELECT t.topic_code FROM case_topic t WHERE t.case_id = c.id ORDER BY 1) AS topics,
         ARRAY(SELECT r.program_id FROM case_referral r WHERE r.case_id = c.id ORDER BY 1) AS programs,
         s.session_days, s.session_experts, s.session_kinds, s.session_completed, s.session_yen,
         CASE WHEN c.first_response_due_at IS NULL THEN NULL
              WHEN c.first_responded_at IS NULL THEN 'open'
              WHEN c.first_responded_at <= c.first_response_due_at THEN 'met'
              ELSE 'late' END AS fr_verdict,
         f.minutes AS fr_minutes
    FROM "case" c
    JOIN organization o ON o.id = c.organization_id
    LEFT JOIN report_first_response f ON f.case_id = c.id AND f.desk_id = c.desk_id
         AND f.received_at = c.received_at AND f.responded_at = c.first_responded_at
    CROSS JOIN LATERAL (
      SELECT coalesce(array_agg((lower(x.scheduled) AT TIME ZONE 'Asia/Tokyo')::date ORDER BY x.id), '{}') AS session_days,
             coalesce(array_agg(x.expert_id ORDER BY x.id), '{}') AS session_experts,
             coalesce(array_agg(x.kind ORDER BY x.id), '{}') AS session_kinds,
             coalesce(array_agg(x.status = 'completed' ORDER BY x.id), '{}') AS session_completed,
             coalesce(array_agg(CASE WHEN x.status = 'completed' THEN coalesce(x.honorarium_yen, 0) ELSE 0 END ORDER BY x.id), '{}') AS session_yen
        FROM expert_session x WHERE x.case_id = c.id AND x.status <> 'cancelled') s`;

const STATE_COLUMNS = [
  'day',
  'desk_id',
  'transfer_to_desk_id',
  'channel',
  'status',
  'outcome',
  'prefecture',
  'industry',
  'size_band',
  'sme',
  'topics',
  'programs',
  'session_days',
  'session_experts',
  'session_kinds',
  'session_completed',
  'session_yen',
  'fr_verdict',
  'fr_minutes',
];

const REFRESH_FUNCTION = `
  CREATE FUNCTION report_refresh_cases(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
      RETURN;
    END IF;
    -- Another transaction refreshing the same cases commits first; the recount below then starts
    -- from a snapshot that sees its changes, so its delta and ours add up (read committed).
    PERFORM 1 FROM report_case_state WHERE case_id = ANY(ids) ORDER BY case_id FOR UPDATE;
    WITH old AS (SELECT * FROM report_case_state WHERE case_id = ANY(ids)),
    fresh AS (SELECT * FROM report_case_source WHERE case_id = ANY(ids)),
    gone AS (
      DELETE FROM report_case_state s
       WHERE s.case_id = ANY(ids) AND NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.case_id = s.case_id)),
    kept AS (
      INSERT INTO report_case_state SELECT * FROM fresh
      ON CONFLICT (case_id) DO UPDATE SET (${STATE_COLUMNS.join(', ')}) =
        ROW(${STATE_COLUMNS.map((c) => `excluded.${c}`).join(', ')})),
    src AS (SELECT -1 AS sign, old.* FROM old UNION ALL SELECT 1, fresh.* FROM fresh),
    ${ROLLUPS.slice(0, -1)
      .map((r, i) => `r${i} AS (${insertDeltas(r, false)})`)
      .join(',\n    ')}
    ${insertDeltas(ROLLUPS[ROLLUPS.length - 1]!, false)};
  END $$`;

const REBUILD_FUNCTION = `
  CREATE FUNCTION report_rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    LOCK TABLE report_case_state IN EXCLUSIVE MODE;
    TRUNCATE report_case_state, ${ROLLUPS.map((r) => r.table).join(', ')};
    INSERT INTO report_case_state SELECT * FROM report_case_source;
    ${ROLLUPS.map(
      (r) =>
        `WITH src AS (SELECT 1 AS sign, s.* FROM report_case_state s) ${insertDeltas(r, true)};`,
    ).join('\n    ')}
  END $$`;

// Folds each roll-up's deltas into one row per key. Only rows committed before it started are
// folded; a concurrent write's deltas wait for the next run. One runner at a time.
const COMPACT_FUNCTION = `
  CREATE FUNCTION report_rollup_compact() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('report_rollup_compact')) THEN
      RETURN;
    END IF;
    ${ROLLUPS.map(
      (r) => `
    WITH d AS (DELETE FROM ${r.table} WHERE NOT compacted RETURNING ${keyList(r)}, ${valueList(r)})
    INSERT INTO ${r.table} (${keyList(r)}, ${valueList(r)}, compacted)
    SELECT ${keyList(r)}, ${r.values.map(([v]) => `sum(${v})`).join(', ')}, true FROM d GROUP BY ${keyList(r)}
    ON CONFLICT (${keyList(r)}) WHERE compacted DO UPDATE SET
      ${r.values.map(([v]) => `${v} = ${r.table}.${v} + excluded.${v}`).join(', ')};
    DELETE FROM ${r.table} WHERE compacted AND ${r.values.map(([v]) => `${v} = 0`).join(' AND ')};`,
    ).join('')}
  END $$`;

// What each trigger hands to report_refresh_cases: the cases whose counted figures may move.
const CASE_COLUMNS = [
  'received_at',
  'desk_id',
  'transfer_to_desk_id',
  'channel',
  'status',
  'outcome',
  'organization_id',
  'first_response_due_at',
  'first_responded_at',
];
/** Which cases each statement touched, per table and operation (the queue of ReportPendingCases reuses them). */
export interface RollupTrigger {
  table: string;
  fn: string;
  insert: string;
  update: string;
  delete: string;
}
export const TRIGGERS: RollupTrigger[] = [
  {
    table: '"case"',
    fn: 'report_case_changed',
    insert: 'SELECT id FROM new_rows',
    update: `SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE (${CASE_COLUMNS.map((c) => `n.${c}`).join(', ')}) IS DISTINCT FROM (${CASE_COLUMNS.map((c) => `o.${c}`).join(', ')})`,
    delete: 'SELECT id FROM old_rows',
  },
  {
    table: 'case_topic',
    fn: 'report_case_topic_changed',
    insert: 'SELECT case_id FROM new_rows',
    update: 'SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows',
    delete: 'SELECT case_id FROM old_rows',
  },
  {
    table: 'case_referral',
    fn: 'report_case_referral_changed',
    insert: 'SELECT case_id FROM new_rows',
    update: `SELECT n.case_id FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE (n.case_id, n.program_id) IS DISTINCT FROM (o.case_id, o.program_id)
             UNION SELECT o.case_id FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE (n.case_id, n.program_id) IS DISTINCT FROM (o.case_id, o.program_id)`,
    delete: 'SELECT case_id FROM old_rows',
  },
  {
    table: 'expert_session',
    fn: 'report_expert_session_changed',
    insert: 'SELECT case_id FROM new_rows',
    update: `SELECT n.case_id FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE (n.case_id, n.status, n.scheduled, n.expert_id, n.kind, n.honorarium_yen)
                    IS DISTINCT FROM (o.case_id, o.status, o.scheduled, o.expert_id, o.kind, o.honorarium_yen)
             UNION SELECT o.case_id FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE n.case_id IS DISTINCT FROM o.case_id`,
    delete: 'SELECT case_id FROM old_rows',
  },
  {
    // Industry, size, SME flag or prefecture edited: every case of the organization moves.
    table: 'organization',
    fn: 'report_organization_changed',
    insert: 'SELECT NULL::uuid WHERE false',
    update: `SELECT c.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN "case" c ON c.organization_id = n.id
              WHERE (n.prefecture_code, n.industry_code, n.employees, n.sme)
                    IS DISTINCT FROM (o.prefecture_code, o.industry_code, o.employees, o.sme)`,
    delete: 'SELECT NULL::uuid WHERE false',
  },
  {
    table: 'report_first_response',
    fn: 'report_first_response_changed',
    insert: 'SELECT case_id FROM new_rows',
    update: 'SELECT case_id FROM new_rows',
    delete: 'SELECT case_id FROM old_rows',
  },
];

/** The trigger function as this migration made it: the touched cases recounted in the write's transaction. */
export const refreshingTrigger = (t: RollupTrigger) => `
  CREATE OR REPLACE FUNCTION ${t.fn}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM report_refresh_cases(ARRAY(${t.insert}));
    ELSIF TG_OP = 'UPDATE' THEN
      PERFORM report_refresh_cases(ARRAY(${t.update}));
    ELSE
      PERFORM report_refresh_cases(ARRAY(${t.delete}));
    END IF;
    RETURN NULL;
  END $$`;

export class ReportRollups1795900000000 implements MigrationInterface {
  name = 'ReportRollups1795900000000';

  async up(db: QueryRunner): Promise<void> {
    // Business minutes from receipt to first response, computed by the API's business clock
    // (desk calendars live in code and data, not in SQL) for the SLA median. A row counts only
    // while the case still has the same receipt, first response and desk (see the view).
    await db.query(`
      CREATE TABLE report_first_response (
        case_id uuid PRIMARY KEY REFERENCES "case"(id) ON DELETE CASCADE,
        desk_id text NOT NULL,
        received_at timestamptz NOT NULL,
        responded_at timestamptz NOT NULL,
        minutes integer NOT NULL CHECK (minutes >= 0)
      )`);
    await db.query(SOURCE_VIEW);
    await db.query(
      `CREATE TABLE report_case_state AS SELECT * FROM report_case_source WITH NO DATA`,
    );
    await db.query(`ALTER TABLE report_case_state ADD PRIMARY KEY (case_id)`);
    // The answered cases whose business minutes the API has yet to compute.
    await db.query(`
      CREATE INDEX report_case_state_minutes_due_idx ON report_case_state (case_id)
        WHERE fr_verdict IN ('met', 'late') AND fr_minutes IS NULL`);
    for (const r of ROLLUPS) {
      await db.query(`
        CREATE TABLE ${r.table} (
          ${[...r.keys, ...r.values].map(([name, type]) => `${name} ${type}`).join(',\n          ')},
          compacted boolean NOT NULL DEFAULT false
        )`);
      // One compacted row per key (NULL keys too); readers range over the leading period.
      await db.query(
        `CREATE UNIQUE INDEX ${r.table}_key ON ${r.table} (${keyList(r)}) NULLS NOT DISTINCT WHERE compacted`,
      );
      await db.query(`CREATE INDEX ${r.table}_period_idx ON ${r.table} (${r.keys[0]![0]})`);
    }
    await db.query(REFRESH_FUNCTION);
    await db.query(REBUILD_FUNCTION);
    await db.query(COMPACT_FUNCTION);
    for (const t of TRIGGERS) {
      await db.query(refreshingTrigger(t));
      const base = t.fn.replace(/_changed$/, '');
      await db.query(`CREATE TRIGGER ${base}_inserted AFTER INSERT ON ${t.table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${t.fn}()`);
      await db.query(`CREATE TRIGGER ${base}_updated AFTER UPDATE ON ${t.table}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${t.fn}()`);
      await db.query(`CREATE TRIGGER ${base}_deleted AFTER DELETE ON ${t.table}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${t.fn}()`);
    }
    // The SLA report splits unanswered cases into pending and breached by the time now: these
    // are few, read straight from the case table.
    await db.query(`
      CREATE INDEX case_report_unanswered_idx ON "case" (first_response_due_at)
        INCLUDE (received_at, desk_id, transfer_to_desk_id, channel)
        WHERE first_response_due_at IS NOT NULL AND first_responded_at IS NULL`);
    // Backfill: existing cases counted once, compacted.
    await db.query(`SET LOCAL work_mem = '256MB'`);
    await db.query(`SELECT report_rollup_rebuild()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX case_report_unanswered_idx`);
    for (const t of [...TRIGGERS].reverse()) {
      const base = t.fn.replace(/_changed$/, '');
      for (const event of ['inserted', 'updated', 'deleted']) {
        await db.query(`DROP TRIGGER ${base}_${event} ON ${t.table}`);
      }
      await db.query(`DROP FUNCTION ${t.fn}()`);
    }
    await db.query(`DROP FUNCTION report_rollup_compact()`);
    await db.query(`DROP FUNCTION report_rollup_rebuild()`);
    await db.query(`DROP FUNCTION report_refresh_cases(uuid[])`);
    for (const r of [...ROLLUPS].reverse()) {
      await db.query(`DROP TABLE ${r.table}`);
    }
    await db.query(`DROP TABLE report_case_state`);
    await db.query(`DROP VIEW report_case_source`);
    await db.query(`DROP TABLE report_first_response`);
  }
}
