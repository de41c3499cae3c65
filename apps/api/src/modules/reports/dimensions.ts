import { PREFECTURES, REGIONAL_BLOCKS } from '@madoguchi/domain';
import { SIZE_BAND_CODES, sizeBandSql } from './size-bands';

export const CASELOAD_DIMENSIONS = [
  'day',
  'week',
  'month',
  'fiscal_year',
  'desk',
  'block',
  'prefecture',
  'channel',
  'industry',
  'size_band',
  'sme',
  'topic',
  'topic2',
  'status',
] as const;
export type CaseloadDimension = (typeof CASELOAD_DIMENSIONS)[number];

const LOCAL = `(c.received_at AT TIME ZONE 'Asia/Tokyo')`;

/** The eight-region block of a prefecture code column, from libs/domain's table. */
export function blockSql(prefecture: string): string {
  return `CASE ${REGIONAL_BLOCKS.map(
    (block) =>
      `WHEN ${prefecture} IN (${PREFECTURES.filter((p) => p.block === block.code)
        .map((p) => `'${p.code}'`)
        .join(', ')}) THEN '${block.code}'`,
  ).join(' ')} ELSE 'unknown' END`;
}

const BLOCK_SQL = blockSql('o.prefecture_code');

/** How a dimension is computed: its SQL over `c` / `o`, and what it needs joined. */
export interface DimensionSql {
  sql: string;
  organization: boolean;
  /** Topic dimensions join the case's topics: a case counts once per topic. */
  topics: boolean;
  numeric: boolean;
  /** How to sort the groups when the value's own order is not the natural one. */
  order?: string;
}

/**
 * SQL for each dimension; all periods are Tokyo calendar periods. Weeks start on Monday and
 * are named by that Monday's date; fiscal years run April–March and are named by the year
 * they start in. Missing organization data answers 'unknown'.
 */
export function dimensionSql(
  dimension: CaseloadDimension,
  topicJoin: 'category' | 'code',
): DimensionSql {
  const plain = (sql: string, organization = false): DimensionSql => ({
    sql,
    organization,
    topics: false,
    numeric: false,
  });
  switch (dimension) {
    case 'day':
      return plain(`to_char(${LOCAL}, 'YYYY-MM-DD')`);
    case 'week':
      return plain(`to_char(date_trunc('week', ${LOCAL}), 'YYYY-MM-DD')`);
    case 'month':
      return plain(`to_char(${LOCAL}, 'YYYY-MM')`);
    case 'fiscal_year':
      return {
        ...plain(`extract(year FROM ${LOCAL} - interval '3 months')::int`),
        numeric: true,
      };
    case 'desk':
      return plain('c.desk_id');
    case 'channel':
      return plain('c.channel');
    case 'status':
      return plain('c.status');
    case 'block':
      return plain(BLOCK_SQL, true);
    case 'prefecture':
      return plain(`coalesce(o.prefecture_code::text, 'unknown')`, true);
    case 'industry':
      return plain(`coalesce(o.industry_code::text, 'unknown')`, true);
    case 'size_band': {
      const sql = sizeBandSql('o.employees');
      return {
        ...plain(sql, true),
        order: sizeBandOrderSql(sql),
      };
    }
    case 'sme':
      return plain(
        `CASE WHEN o.sme THEN 'true' WHEN NOT o.sme THEN 'false' ELSE 'unknown' END`,
        true,
      );
    case 'topic':
      return {
        ...plain(
          topicJoin === 'code'
            ? `coalesce(split_part(ct.topic_code, '.', 1), 'unknown')`
            : `coalesce(ct.category, 'unknown')`,
        ),
        topics: true,
      };
    case 'topic2':
      return { ...plain(`coalesce(ct.topic_code, 'unknown')`), topics: true };
    default: {
      const unreachable: never = dimension;
      return unreachable;
    }
  }
}

/**
 * The join behind the topic dimensions. With topic2 every (case, topic) pair is a row; with
 * topic alone, every (case, category) pair, so a case with LAB.TIME and LAB.COST counts once
 * under LAB.
 */
export function topicJoinSql(topicJoin: 'category' | 'code'): string {
  return topicJoin === 'code'
    ? `LEFT JOIN case_topic ct ON ct.case_id = c.id`
    : `LEFT JOIN LATERAL (SELECT DISTINCT split_part(t.topic_code, '.', 1) AS category
         FROM case_topic t WHERE t.case_id = c.id) ct ON true`;
}

/** The order of the size bands, as SQL over a band code column. */
export function sizeBandOrderSql(band: string): string {
  return `array_position(ARRAY[${SIZE_BAND_CODES.map((c) => `'${c}'`).join(', ')}], ${band})`;
}

/**
 * A dimension over the roll-ups (migration ReportRollups), aliased `c`: case-level dimensions
 * from report_case_day (by day) or report_case_month_attr (by month); organization and topic
 * dimensions from report_case_month_attr, one attribute per row (`attr`). Null when the roll-up
 * cannot answer it (a day or week from the month roll-up).
 */
export function rollupDimensionSql(
  dimension: CaseloadDimension,
  table: 'day' | 'month',
): { sql: string; attr: string | null; numeric: boolean; order?: string } | null {
  const period = table === 'day' ? 'c.day' : 'c.month';
  const caseLevel = (sql: string, numeric = false) => ({ sql, attr: null, numeric });
  const attribute = (attr: string, sql = 'c.value') => ({ sql, attr, numeric: false });
  switch (dimension) {
    case 'day':
      return table === 'day' ? caseLevel(`to_char(c.day, 'YYYY-MM-DD')`) : null;
    case 'week':
      return table === 'day'
        ? caseLevel(`to_char(date_trunc('week', c.day::timestamp), 'YYYY-MM-DD')`)
        : null;
    case 'month':
      return caseLevel(`to_char(${period}, 'YYYY-MM')`);
    case 'fiscal_year':
      return caseLevel(`extract(year FROM ${period} - interval '3 months')::int`, true);
    case 'desk':
      return caseLevel('c.desk_id');
    case 'channel':
      return caseLevel('c.channel');
    case 'status':
      return caseLevel('c.status');
    case 'block':
      return attribute('prefecture', blockSql('c.value'));
    case 'prefecture':
      return attribute('prefecture');
    case 'industry':
      return attribute('industry');
    case 'size_band':
      return { ...attribute('size_band'), order: sizeBandOrderSql('c.value') };
    case 'sme':
      return attribute('sme');
    case 'topic':
      return attribute('topic');
    case 'topic2':
      return attribute('topic2');
    default: {
      const unreachable: never = dimension;
      return unreachable;
    }
  }
}
