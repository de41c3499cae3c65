import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coarser roll-ups next to those of ReportRollups1795900000000, measured on the 1M-case bench
 * (docs/benchmarks.md, "Reports"): a fiscal year is ~40,000 rows of report_case_day and
 * ~110,000 of report_sla_month (business minutes spread over ~1,000 values, so the month in the
 * key multiplies the rows), too many for 100 ms on a busy machine. Added:
 * - report_case_month: the day roll-up's keys by month (~5,000 rows a year);
 * - report_sla_year: the SLA histogram by fiscal year (~8,500 rows a year);
 * - report_org_year + report_org_band: sessions used per organization over a fiscal year, per
 *   scope ('*' for everyone, and each desk, which sees its own and pending transfers' cases).
 *   report_org_year is one row per (year, scope, organization), upserted under that row's lock;
 *   the refresh reads the totals before and after and moves the organization between the
 *   bands of report_org_band (append-only deltas like the other roll-ups).
 * report_refresh_cases, report_rollup_rebuild and report_rollup_compact are replaced to write
 * them too; the rebuild at the end backfills every roll-up.
 */

export interface Rollup {
  table: string;
  keys: [name: string, type: string][];
  values: [name: string, type: string][];
  rows: string;
}

const CASE_KEYS: [string, string][] = [
  ['desk_id', 'text NOT NULL'],
  ['transfer_to_desk_id', 'text'],
  ['channel', 'text NOT NULL'],
];

const FISCAL_YEAR = (day: string) => `extract(year FROM ${day} - interval '3 months')::int`;

const ORG_BAND = (used: string) => `CASE WHEN (${used}) >= 3 THEN '3+' ELSE (${used})::text END`;

export const ROLLUPS: Rollup[] = [
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
    table: 'report_case_month',
    keys: [
      ['month', 'date NOT NULL'],
      ...CASE_KEYS,
      ['status', 'text NOT NULL'],
      ['outcome', 'text'],
      ['with_session', 'boolean NOT NULL'],
      ['referred', 'boolean NOT NULL'],
    ],
    values: [['n', 'integer NOT NULL']],
    rows: `SELECT date_trunc('month', x.day)::date, x.desk_id, x.transfer_to_desk_id, x.channel,
                  x.status, x.outcome, cardinality(x.session_days) > 0, cardinality(x.programs) > 0, x.sign
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
  {
    table: 'report_sla_year',
    keys: [
      ['fiscal_year', 'integer NOT NULL'],
      ...CASE_KEYS,
      ['verdict', 'text NOT NULL'],
      ['minutes', 'integer'],
    ],
    values: [['n', 'integer NOT NULL']],
    rows: `SELECT ${FISCAL_YEAR('x.day')}, x.desk_id, x.transfer_to_desk_id, x.channel,
                  x.fr_verdict, x.fr_minutes, x.sign
             FROM src x WHERE x.fr_verdict IS NOT NULL`,
  },
];
const NEW_ROLLUPS = ['report_case_month', 'report_sla_year'];

const keyList = (r: Rollup) => r.keys.map(([k]) => k).join(', ');
const valueList = (r: Rollup) => r.values.map(([v]) => v).join(', ');

function insertDeltas(r: Rollup, compacted: boolean): string {
  const sums = r.values.map(([v]) => `sum(${v})`);
  return `INSERT INTO ${r.table} (${keyList(r)}, ${valueList(r)}, compacted)
    SELECT ${keyList(r)}, ${sums.join(', ')}, ${compacted}
      FROM (${r.rows}) AS contribution (${keyList(r)}, ${valueList(r)})
     GROUP BY ${keyList(r)}
    HAVING ${sums.map((s) => `${s} <> 0`).join(' OR ')}`;
}

// A case counts for everyone ('*'), its desk, and the desk a transfer is pending to.
const ORG_CONTRIBUTION = `
  SELECT ${FISCAL_YEAR('x.day')} AS fiscal_year, sc.scope, x.organization_id,
         x.sign AS cases, x.sign * cardinality(x.session_days) AS used
    FROM src x CROSS JOIN LATERAL (
      SELECT '*' AS scope UNION SELECT x.desk_id
      UNION SELECT x.transfer_to_desk_id WHERE x.transfer_to_desk_id IS NOT NULL) sc`;

/** Upserts the organizations' yearly totals (CTEs), then moves them between the bands. */
const ORG_CTES = `
    org_delta AS (
      SELECT fiscal_year, scope, organization_id, sum(cases)::int AS cases, sum(used)::int AS used
        FROM (${ORG_CONTRIBUTION}) o
       GROUP BY 1, 2, 3
      HAVING sum(cases) <> 0 OR sum(used) <> 0),
    org_after AS (
      INSERT INTO report_org_year AS y (fiscal_year, scope, organization_id, cases, used)
      SELECT * FROM org_delta ORDER BY 1, 2, 3
      ON CONFLICT (fiscal_year, scope, organization_id) DO UPDATE
        SET cases = y.cases + excluded.cases, used = y.used + excluded.used
      RETURNING y.fiscal_year, y.scope, y.organization_id, y.cases, y.used)`;
const ORG_BAND_INSERT = `
    INSERT INTO report_org_band (fiscal_year, scope, band, n)
    SELECT fiscal_year, scope, band, sum(n) FROM (
      SELECT a.fiscal_year, a.scope, ${ORG_BAND('a.used - d.used')} AS band, -1 AS n
        FROM org_after a JOIN org_delta d USING (fiscal_year, scope, organization_id)
       WHERE a.cases - d.cases > 0
      UNION ALL
      SELECT a.fiscal_year, a.scope, ${ORG_BAND('a.used')}, 1
        FROM org_after a WHERE a.cases > 0) b
    GROUP BY 1, 2, 3 HAVING sum(n) <> 0`;

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

/** The view of ReportRollups1795900000000, with the organization last when `organization`. */
const sourceView = (organization: boolean) => `
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
         f.minutes AS fr_minutes${organization ? ', c.organization_id' : ''}
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

function refreshFunction(rollups: Rollup[], organization: boolean): string {
  const columns = organization ? [...STATE_COLUMNS, 'organization_id'] : STATE_COLUMNS;
  const inserts = rollups.map((r) => insertDeltas(r, false));
  // The last write is the statement's own; the others are CTEs (all run, in one snapshot).
  const ctes = organization
    ? [...inserts.map((sql, i) => `r${i} AS (${sql})`), ORG_CTES]
    : inserts.slice(0, -1).map((sql, i) => `r${i} AS (${sql})`);
  const last = organization ? ORG_BAND_INSERT : inserts[inserts.length - 1]!;
  return `
  CREATE OR REPLACE FUNCTION report_refresh_cases(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
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
      ON CONFLICT (case_id) DO UPDATE SET (${columns.join(', ')}) =
        ROW(${columns.map((c) => `excluded.${c}`).join(', ')})),
    src AS (SELECT -1 AS sign, old.* FROM old UNION ALL SELECT 1, fresh.* FROM fresh),
    ${ctes.join(',\n    ')}
    ${last};
  END $$`;
}

/**
 * The rebuild. With `clearQueue` (migration ReportPendingCases) it first empties the queue of
 * cases to count: what is committed by then, the recount that follows includes.
 */
export function rebuildFunction(
  rollups: Rollup[],
  organization: boolean,
  clearQueue = false,
): string {
  const tables = [
    'report_case_state',
    ...(organization ? ['report_org_year', 'report_org_band'] : []),
    ...rollups.map((r) => r.table),
  ];
  return `
  CREATE OR REPLACE FUNCTION report_rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    LOCK TABLE report_case_state IN EXCLUSIVE MODE;${clearQueue ? '\n    DELETE FROM report_pending_case;' : ''}
    TRUNCATE ${tables.join(', ')};
    INSERT INTO report_case_state SELECT * FROM report_case_source;
    ${rollups
      .map(
        (r) =>
          `WITH src AS (SELECT 1 AS sign, s.* FROM report_case_state s) ${insertDeltas(r, true)};`,
      )
      .join('\n    ')}
    ${
      organization
        ? `INSERT INTO report_org_year (fiscal_year, scope, organization_id, cases, used)
    SELECT fiscal_year, scope, organization_id, sum(cases), sum(used)
      FROM (WITH src AS (SELECT 1 AS sign, s.* FROM report_case_state s) ${ORG_CONTRIBUTION}) o
     GROUP BY 1, 2, 3;
    INSERT INTO report_org_band (fiscal_year, scope, band, n, compacted)
    SELECT fiscal_year, scope, ${ORG_BAND('used')}, count(*), true
      FROM report_org_year WHERE cases > 0 GROUP BY 1, 2, 3;`
        : ''
    }
  END $$`;
}

// Folds each roll-up's deltas; only rows committed before it started are folded, a concurrent
// write's deltas wait for the next run. One runner at a time.
function compactFunction(rollups: Rollup[], organization: boolean): string {
  const tables = [
    ...rollups.map((r) => ({ table: r.table, keys: keyList(r), values: r.values.map(([v]) => v) })),
    ...(organization
      ? [{ table: 'report_org_band', keys: 'fiscal_year, scope, band', values: ['n'] }]
      : []),
  ];
  return `
  CREATE OR REPLACE FUNCTION report_rollup_compact() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('report_rollup_compact')) THEN
      RETURN;
    END IF;
    ${tables
      .map(
        (r) => `
    WITH d AS (DELETE FROM ${r.table} WHERE NOT compacted RETURNING ${r.keys}, ${r.values.join(', ')})
    INSERT INTO ${r.table} (${r.keys}, ${r.values.join(', ')}, compacted)
    SELECT ${r.keys}, ${r.values.map((v) => `sum(${v})`).join(', ')}, true FROM d GROUP BY ${r.keys}
    ON CONFLICT (${r.keys}) WHERE compacted DO UPDATE SET
      ${r.values.map((v) => `${v} = ${r.table}.${v} + excluded.${v}`).join(', ')};
    DELETE FROM ${r.table} WHERE compacted AND ${r.values.map((v) => `${v} = 0`).join(' AND ')};`,
      )
      .join('')}
    ${
      organization
        ? `-- An organization left with no case in a year and scope.
    DELETE FROM report_org_year WHERE cases = 0 AND used = 0;`
        : ''
    }
  END $$`;
}

const PREVIOUS = ROLLUPS.filter((r) => !NEW_ROLLUPS.includes(r.table));

export class ReportRollupGrains1795910000000 implements MigrationInterface {
  name = 'ReportRollupGrains1795910000000';

  async up(db: QueryRunner): Promise<void> {
    // The organization joins the counted state (a new column goes last in a view).
    await db.query(sourceView(true).replace('CREATE VIEW', 'CREATE OR REPLACE VIEW'));
    await db.query(`ALTER TABLE report_case_state ADD COLUMN organization_id uuid`);
    for (const r of ROLLUPS.filter((x) => NEW_ROLLUPS.includes(x.table))) {
      await db.query(`
        CREATE TABLE ${r.table} (
          ${[...r.keys, ...r.values].map(([name, type]) => `${name} ${type}`).join(',\n          ')},
          compacted boolean NOT NULL DEFAULT false
        )`);
      await db.query(
        `CREATE UNIQUE INDEX ${r.table}_key ON ${r.table} (${keyList(r)}) NULLS NOT DISTINCT WHERE compacted`,
      );
      await db.query(`CREATE INDEX ${r.table}_period_idx ON ${r.table} (${r.keys[0]![0]})`);
    }
    await db.query(`
      CREATE TABLE report_org_year (
        fiscal_year integer NOT NULL,
        scope text NOT NULL,
        organization_id uuid NOT NULL,
        cases integer NOT NULL,
        used integer NOT NULL,
        PRIMARY KEY (fiscal_year, scope, organization_id)
      )`);
    await db.query(`
      CREATE TABLE report_org_band (
        fiscal_year integer NOT NULL,
        scope text NOT NULL,
        band text NOT NULL,
        n integer NOT NULL,
        compacted boolean NOT NULL DEFAULT false
      )`);
    await db.query(
      `CREATE UNIQUE INDEX report_org_band_key ON report_org_band (fiscal_year, scope, band) WHERE compacted`,
    );
    await db.query(`CREATE INDEX report_org_band_year_idx ON report_org_band (fiscal_year, scope)`);
    // The backlog reads open cases only: a small share of the day roll-up.
    await db.query(`
      CREATE INDEX report_case_day_open_idx ON report_case_day (day)
        INCLUDE (desk_id, transfer_to_desk_id, channel, n) WHERE status NOT IN ('resolved', 'closed')`);
    await db.query(refreshFunction(ROLLUPS, true));
    await db.query(rebuildFunction(ROLLUPS, true));
    await db.query(compactFunction(ROLLUPS, true));
    // Backfill: every roll-up, old and new, from the base tables.
    await db.query(`SET LOCAL work_mem = '256MB'`);
    await db.query(`SELECT report_rollup_rebuild()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(refreshFunction(PREVIOUS, false));
    await db.query(rebuildFunction(PREVIOUS, false));
    await db.query(compactFunction(PREVIOUS, false));
    await db.query(`DROP INDEX report_case_day_open_idx`);
    await db.query(`DROP TABLE report_org_band`);
    await db.query(`DROP TABLE report_org_year`);
    for (const table of [...NEW_ROLLUPS].reverse()) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`ALTER TABLE report_case_state DROP COLUMN organization_id`);
    await db.query(`DROP VIEW report_case_source`);
    await db.query(sourceView(false));
  }
}
