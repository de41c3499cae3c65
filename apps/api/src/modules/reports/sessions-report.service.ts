import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { CaseFilter } from './case-filter';
import { reportQuery } from './report-query';
import type { ReportFiltersDto } from './dto/report-filters.dto';
import type { SessionsReportDto } from './dto/sessions-report.dto';
import { percent } from './percent';
import { type ReportSource, RollupFilter } from './rollup-filter';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async sessions(
    filters: ReportFiltersDto,
    principal: Principal,
    source: ReportSource = 'auto',
  ): Promise<SessionsReportDto> {
    const rolled = source === 'auto' ? RollupFilter.covering(filters, principal, 'day') : null;
    const cases = new CaseFilter(filters, principal);
    // Sessions used per organization need each organization's cases: no roll-up keys on it,
    // so this reads the period's cases (an index-only scan) and the sessions of those cases.
    const [perCase] = await reportQuery<
      { cases: number; with_sessions: number; orgs: [string, number][] | null }[]
    >(
      this.dataSource,
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
    const used = new Map<string, number>((perCase?.orgs ?? []).map(([band, n]) => [band, n]));

    // Sessions held in the period: the from/to days apply to the session's start.
    const sessionRows = rolled
      ? await this.dataSource.query<SessionGroup[]>(
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
    const casesCount = perCase?.cases ?? 0;
    const withSessions = perCase?.with_sessions ?? 0;
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
  private heldDirect(filters: ReportFiltersDto, principal: Principal): Promise<SessionGroup[]> {
    const held = new CaseFilter(filters, principal, 's.scheduled_start');
    return this.dataSource.query<SessionGroup[]>(
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
