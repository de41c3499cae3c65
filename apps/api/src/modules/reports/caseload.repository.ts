import { Injectable } from '@nestjs/common';
import { ReportReader } from '../../database/report-reader';
import type { Row } from '../../database/rows';
import type { CaseFilter } from './case-filter';
import { reportQuery } from './report-query.repository';
import type { RollupFilter } from './rollup-filter';

// A session the organization used: cancelled ones do not count, as for the allowance.
const HAS_SESSION = `EXISTS (SELECT 1 FROM expert_session s WHERE s.case_id = c.id AND s.status <> 'cancelled')`;

/** A group of the caseload: the dimensions' values as `d0`, `d1`, … and its count. */
export type CaseloadGroupRow = Record<string, string | number | null>;

/** A dimension as a statement groups by it: its SQL, and its sort when not the value's own. */
export interface GroupingSql {
  sql: string;
  order?: string;
}

export interface FunnelCountsRow {
  inquiries: number;
  sessions: number;
  adopted: number;
}

type Program = Row<'referral_program', 'code' | 'fiscal_year' | 'name_ja' | 'provider' | 'kind'>;

/** Cases referred to a program version; the row with every program column null is the total. */
export type ReferralGroupRow = { [K in keyof Program]: Program[K] | null } & { cases: number };

const PROGRAM = 'p.code, p.fiscal_year, p.name_ja, p.provider, p.kind';

const groupBy = (dims: GroupingSql[]) => ({
  select: dims.map((d, i) => `${d.sql} AS d${i}`).join(', '),
  positions: dims.map((_, i) => String(i + 1)).join(', '),
  order: dims.map((d, i) => d.order ?? String(i + 1)).join(', '),
});

/**
 * Case counts on the reader's database: from the case table `c` under a CaseFilter, or from a
 * case roll-up (report_case_day, _month, _month_attr) under a RollupFilter.
 */
@Injectable()
export class CaseloadRepository {
  constructor(private readonly reader: ReportReader) {}

  /** `topics`: the topic join behind a topic dimension, or ''. */
  groups(filter: CaseFilter, dims: GroupingSql[], topics: string): Promise<CaseloadGroupRow[]> {
    const { select, positions, order } = groupBy(dims);
    return reportQuery<CaseloadGroupRow[]>(
      this.reader.db,
      `SELECT ${select}, count(*)::int AS count
         FROM ${filter.from} ${topics}
        WHERE ${filter.where}
        GROUP BY ${positions}
        ORDER BY ${order}`,
      filter.params,
    );
  }

  groupsFromRollup(
    table: string,
    filter: RollupFilter,
    dims: GroupingSql[],
  ): Promise<CaseloadGroupRow[]> {
    const { select, positions, order } = groupBy(dims);
    return this.reader.db.query<CaseloadGroupRow[]>(
      `SELECT ${select}, sum(c.n)::int AS count
         FROM ${table} c
        WHERE ${filter.where}
        GROUP BY ${positions}
       HAVING sum(c.n) <> 0
        ORDER BY ${order}`,
      filter.params,
    );
  }

  async count(filter: CaseFilter): Promise<number> {
    const [row] = await this.reader.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${filter.from} WHERE ${filter.where}`,
      filter.params,
    );
    return row?.n ?? 0;
  }

  async countFromRollup(table: string, filter: RollupFilter): Promise<number> {
    const [row] = await this.reader.db.query<{ n: number }[]>(
      `SELECT coalesce(sum(c.n), 0)::int AS n FROM ${table} c WHERE ${filter.where}`,
      filter.params,
    );
    return row?.n ?? 0;
  }

  async funnel(filter: CaseFilter): Promise<FunnelCountsRow | undefined> {
    const [row] = await this.reader.db.query<FunnelCountsRow[]>(
      `SELECT count(*)::int AS inquiries,
                  count(*) FILTER (WHERE ${HAS_SESSION})::int AS sessions,
                  count(*) FILTER (WHERE c.outcome = 'adopted' AND ${HAS_SESSION})::int AS adopted
             FROM ${filter.from}
            WHERE ${filter.where}`,
      filter.params,
    );
    return row;
  }

  async funnelFromRollup(
    table: string,
    filter: RollupFilter,
  ): Promise<FunnelCountsRow | undefined> {
    const [row] = await this.reader.db.query<FunnelCountsRow[]>(
      `SELECT coalesce(sum(c.n), 0)::int AS inquiries,
                  coalesce(sum(c.n) FILTER (WHERE c.with_session), 0)::int AS sessions,
                  coalesce(sum(c.n) FILTER (WHERE c.with_session AND c.outcome = 'adopted'), 0)::int AS adopted
             FROM ${table} c
            WHERE ${filter.where}`,
      filter.params,
    );
    return row;
  }

  /** By program version, plus the grand total: the cases referred at all. */
  referrals(filter: CaseFilter): Promise<ReferralGroupRow[]> {
    return this.reader.db.query<ReferralGroupRow[]>(
      `SELECT ${PROGRAM}, count(DISTINCT r.case_id)::int AS cases
             FROM ${filter.from}
             JOIN case_referral r ON r.case_id = c.id
             JOIN referral_program p ON p.id = r.program_id
            WHERE ${filter.where}
            GROUP BY GROUPING SETS ((${PROGRAM}), ())
            ORDER BY p.fiscal_year DESC NULLS LAST, cases DESC, p.code`,
      filter.params,
    );
  }

  /** The same from the day roll-ups of referrals and cases. */
  referralsFromRollup(filter: RollupFilter): Promise<ReferralGroupRow[]> {
    return this.reader.db.query<ReferralGroupRow[]>(
      `SELECT * FROM (
             SELECT ${PROGRAM}, sum(c.n)::int AS cases
               FROM report_referral_day c JOIN referral_program p ON p.id = c.program_id
              WHERE ${filter.where}
              GROUP BY ${PROGRAM}
             HAVING sum(c.n) <> 0
             UNION ALL
             SELECT NULL, NULL, NULL, NULL, NULL, coalesce(sum(c.n), 0)::int
               FROM report_case_day c WHERE ${filter.where} AND c.referred) r
           ORDER BY fiscal_year DESC NULLS LAST, cases DESC, code`,
      filter.params,
    );
  }
}
