import { Injectable } from '@nestjs/common';
import { ReportReader } from '../../database/report-reader';
import type { Principal } from '../../common/auth/principal';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import { CaseFilter } from './case-filter';
import { caseCounts } from './caseload.service';
import { reportQuery } from './report-query';
import type { ReportFiltersDto } from './dto/report-filters.dto';
import type { SessionsReportDto } from './dto/sessions-report.dto';
import { percent } from './percent';
import { type ReportSource, RollupFilter } from './rollup-filter';

interface PerCase {
  cases: number;
  withSessions: number;
  orgs: [string, number][];
}

interface SessionGroup {
  expert_id: string;
  expert_name: string;
  kind: string;
  month: string;
  sessions: number;
  completed: number;
  honorarium_yen: string;
}

const KINDS = ['assessment', 'preparation', 'follow_up'] as const;
const SESSION_DAY = `(s.scheduled_start AT TIME ZONE 'Asia/Tokyo')`;

/**
 * Expert sessions. Case-based figures (referral rate, sessions used per organization) take the
 * cases received in the period; session-based ones (kind mix, experts' load, honoraria) take
 * the sessions held in the period, on cases that match the other filters. A session counts
 * unless cancelled, as for the allowance; honoraria are those of completed sessions.
 */
@Injectable()
export class SessionsReportService {
  constructor(private readonly reader: ReportReader) {}

  async sessions(
    filters: ReportFiltersDto,
    principal: Principal,
    source: ReportSource = 'auto',
  ): Promise<SessionsReportDto> {
    const rolled = source === 'auto' ? RollupFilter.covering(filters, principal, 'day') : null;
    const perCase =
      (source === 'auto' && (await this.perCaseFromRollups(filters, principal))) ||
      (await this.perCaseDirect(filters, principal));
    const used = new Map<string, number>(perCase.orgs);

    // Sessions held in the period: the from/to days apply to the session's start.
    const sessionRows = rolled
      ? await this.reader.db.query<SessionGroup[]>(
          `SELECT c.expert_id, u.display_name AS expert_name, c.kind,
                  to_char(c.day, 'YYYY-MM') AS month,
                  sum(c.sessions)::int AS sessions, sum(c.completed)::int AS completed,
                  sum(c.honorarium_yen)::bigint AS honorarium_yen
             FROM report_session_day c
             JOIN expert_profile p ON p.id = c.expert_id
             JOIN app_user u ON u.id = p.user_id
            WHERE ${rolled.where}
            GROUP BY 1, 2, 3, 4
           HAVING sum(c.sessions) <> 0 OR sum(c.completed) <> 0 OR sum(c.honorarium_yen) <> 0`,
          rolled.params,
        )
      : await this.heldDirect(filters, principal);
    const kinds = new Map<string, { sessions: number; completed: number }>();
    const experts = new Map<
      string,
      { name: string; sessions: number; completed: number; honorariumYen: number }
    >();
    const months = new Map<string, { completed: number; honorariumYen: number }>();
    let allSessions = 0;
    for (const r of sessionRows) {
      const yen = Number(r.honorarium_yen);
      allSessions += r.sessions;
      const k = kinds.get(r.kind) ?? { sessions: 0, completed: 0 };
      kinds.set(r.kind, {
        sessions: k.sessions + r.sessions,
        completed: k.completed + r.completed,
      });
      const e = experts.get(r.expert_id) ?? {
        name: r.expert_name,
        sessions: 0,
        completed: 0,
        honorariumYen: 0,
      };
      experts.set(r.expert_id, {
        ...e,
        sessions: e.sessions + r.sessions,
        completed: e.completed + r.completed,
        honorariumYen: e.honorariumYen + yen,
      });
      const m = months.get(r.month) ?? { completed: 0, honorariumYen: 0 };
      months.set(r.month, {
        completed: m.completed + r.completed,
        honorariumYen: m.honorariumYen + yen,
      });
    }
    const casesCount = perCase.cases;
    const withSessions = perCase.withSessions;
    return {
      cases: casesCount,
      casesWithSessions: withSessions,
      referralRatePercent: percent(withSessions, casesCount),
      organizationsBySessionsUsed: ['0', '1', '2', '3+'].map((sessions) => ({
        sessions,
        organizations: used.get(sessions) ?? 0,
      })),
      kinds: KINDS.map((kind) => ({
        kind,
        sessions: kinds.get(kind)?.sessions ?? 0,
        completed: kinds.get(kind)?.completed ?? 0,
        percent: percent(kinds.get(kind)?.sessions ?? 0, allSessions),
      })),
      experts: [...experts.entries()]
        .map(([expertId, e]) => ({ expertId, ...e }))
        .sort((a, b) => b.sessions - a.sessions || a.name.localeCompare(b.name, 'ja')),
      honorariaByMonth: [...months.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, m]) => ({ month, ...m })),
    };
  }
  /**
   * Cases and those with sessions from the case roll-ups; organizations by sessions used from
   * report_org_band, which counts one fiscal year for everyone or for a desk's scope: so only a
   * single whole fiscal year without desk or channel filters. Null otherwise.
   */
  private async perCaseFromRollups(
    filters: ReportFiltersDto,
    principal: Principal,
  ): Promise<PerCase | null> {
    const year = Number(filters.from?.slice(0, 4));
    const oneYear =
      filters.from?.endsWith('-04-01') && filters.to === `${year + 1}-03-31` && !filters.deskId;
    const counts = caseCounts(filters, principal);
    if (!oneYear || filters.channel || !counts) {
      return null;
    }
    const scope =
      principal.role === 'manager' && principal.deskId && principal.deskId !== NATIONAL_DESK_ID
        ? principal.deskId
        : '*';
    const [[row], bands] = await Promise.all([
      this.reader.db.query<{ cases: number; with_sessions: number }[]>(
        `SELECT coalesce(sum(c.n), 0)::int AS cases,
                coalesce(sum(c.n) FILTER (WHERE c.with_session), 0)::int AS with_sessions
           FROM ${counts.table} c WHERE ${counts.filter.where}`,
        counts.filter.params,
      ),
      this.reader.db.query<{ band: string; n: number }[]>(
        `SELECT band, sum(n)::int AS n FROM report_org_band
          WHERE fiscal_year = $1 AND scope = $2 GROUP BY 1 HAVING sum(n) <> 0`,
        [year, scope],
      ),
    ]);
    return {
      cases: row?.cases ?? 0,
      withSessions: row?.with_sessions ?? 0,
      orgs: bands.map((b) => [b.band, b.n]),
    };
  }

  /** The same from the base tables: the period's cases and their sessions. */
  private async perCaseDirect(filters: ReportFiltersDto, principal: Principal): Promise<PerCase> {
    const cases = new CaseFilter(filters, principal);
    const [row] = await reportQuery<
      { cases: number; with_sessions: number; orgs: [string, number][] | null }[]
    >(
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
    return {
      cases: row?.cases ?? 0,
      withSessions: row?.with_sessions ?? 0,
      orgs: row?.orgs ?? [],
    };
  }

  private heldDirect(filters: ReportFiltersDto, principal: Principal): Promise<SessionGroup[]> {
    const held = new CaseFilter(filters, principal, 's.scheduled_start');
    return this.reader.db.query<SessionGroup[]>(
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
}
