import { Injectable } from '@nestjs/common';
import { ReportReader } from '../../database/report-reader';
import type { CaseFilter } from './case-filter';
import { reportQuery } from './report-query.repository';
import type { RollupFilter } from './rollup-filter';

/** Sessions held by an expert, of a kind, in a Tokyo month; honoraria of the completed ones. */
export interface SessionGroupRow {
  expert_id: string;
  expert_name: string;
  kind: string;
  month: string;
  sessions: number;
  completed: number;
  /** bigint: pg answers it as text. */
  honorarium_yen: string;
}

export interface CasesWithSessionsRow {
  cases: number;
  with_sessions: number;
}

/** Organizations by sessions used ('0', '1', '2', '3+'). */
export interface SessionsUsedBandRow {
  band: string;
  n: number;
}

const SESSION_DAY = `(s.scheduled_start AT TIME ZONE 'Asia/Tokyo')`;

/**
 * The expert sessions' reads, on the reader's database: from the base
 * tables under a CaseFilter, or from the roll-ups (report_case_*, report_session_day,
 * report_org_band).
 */
@Injectable()
export class SessionsReportRepository {
  constructor(private readonly reader: ReportReader) {}

  /** `held` dates the session's start (`s.scheduled_start`). */
  held(held: CaseFilter): Promise<SessionGroupRow[]> {
    return this.reader.db.query<SessionGroupRow[]>(
      `SELECT s.expert_id, u.display_name AS expert_name, s.kind,
              to_char(${SESSION_DAY}, 'YYYY-MM') AS month,
              count(*)::int AS sessions,
              count(*) FILTER (WHERE s.status = 'completed')::int AS completed,
              coalesce(sum(s.honorarium_yen) FILTER (WHERE s.status = 'completed'), 0)::bigint AS honorarium_yen
         FROM ${held.from}
         JOIN (SELECT x.case_id, x.expert_id, x.kind, x.status, x.honorarium_yen,
                      lower(x.scheduled) AS scheduled_start
                 FROM expert_session x WHERE x.status <> 'cancelled') s ON s.case_id = c.id
         JOIN expert_profile p ON p.id = s.expert_id
         JOIN app_user u ON u.id = p.user_id
        WHERE ${held.where}
        GROUP BY 1, 2, 3, 4`,
      held.params,
    );
  }

  heldFromRollup(filter: RollupFilter): Promise<SessionGroupRow[]> {
    return this.reader.db.query<SessionGroupRow[]>(
      `SELECT c.expert_id, u.display_name AS expert_name, c.kind,
                  to_char(c.day, 'YYYY-MM') AS month,
                  sum(c.sessions)::int AS sessions, sum(c.completed)::int AS completed,
                  sum(c.honorarium_yen)::bigint AS honorarium_yen
             FROM report_session_day c
             JOIN expert_profile p ON p.id = c.expert_id
             JOIN app_user u ON u.id = p.user_id
            WHERE ${filter.where}
            GROUP BY 1, 2, 3, 4
           HAVING sum(c.sessions) <> 0 OR sum(c.completed) <> 0 OR sum(c.honorarium_yen) <> 0`,
      filter.params,
    );
  }

  /**
   * The period's cases, those with sessions, and their organizations by sessions used (`orgs`:
   * [band, organizations] pairs) in one statement.
   */
  async perCase(
    cases: CaseFilter,
  ): Promise<(CasesWithSessionsRow & { orgs: [string, number][] | null }) | undefined> {
    const [row] = await reportQuery<(CasesWithSessionsRow & { orgs: [string, number][] | null })[]>(
      this.reader.db,
      `WITH matched AS (
         SELECT c.id, c.organization_id FROM ${cases.from} WHERE ${cases.where}
       ), used AS (
         SELECT m.id, m.organization_id, count(*)::int AS used
           FROM matched m JOIN expert_session s ON s.case_id = m.id AND s.status <> 'cancelled'
          GROUP BY 1, 2
       ), per_org AS (
         SELECT CASE WHEN used >= 3 THEN '3+' ELSE used::text END AS band, count(*)::int AS n
           FROM (SELECT organization_id, sum(used) AS used FROM used GROUP BY 1) o
          GROUP BY 1
       )
       SELECT (SELECT count(*) FROM matched)::int AS cases,
              (SELECT count(*) FROM used)::int AS with_sessions,
              (SELECT json_agg(json_build_array(band, n)) FROM (
                 SELECT band, n FROM per_org
                 UNION ALL
                 SELECT '0', (SELECT count(DISTINCT organization_id) FROM matched)
                             - (SELECT count(DISTINCT organization_id) FROM used)) b) AS orgs`,
      cases.params,
    );
    return row;
  }

  /** Cases and those with sessions from a case roll-up (`table`). */
  async casesWithSessionsFromRollup(
    table: string,
    filter: RollupFilter,
  ): Promise<CasesWithSessionsRow | undefined> {
    const [row] = await this.reader.db.query<CasesWithSessionsRow[]>(
      `SELECT coalesce(sum(c.n), 0)::int AS cases,
                coalesce(sum(c.n) FILTER (WHERE c.with_session), 0)::int AS with_sessions
           FROM ${table} c WHERE ${filter.where}`,
      filter.params,
    );
    return row;
  }

  /** Organizations by sessions used in a fiscal year, for everyone ('*') or a desk's scope. */
  sessionsUsedBands(fiscalYear: number, scope: string): Promise<SessionsUsedBandRow[]> {
    return this.reader.db.query<SessionsUsedBandRow[]>(
      `SELECT band, sum(n)::int AS n FROM report_org_band
          WHERE fiscal_year = $1 AND scope = $2 GROUP BY 1 HAVING sum(n) <> 0`,
      [fiscalYear, scope],
    );
  }
}
