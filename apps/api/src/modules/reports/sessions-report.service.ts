import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import { CaseFilter } from './case-filter';
import { caseCounts } from './caseload.service';
import type { ReportFiltersDto } from './dto/report-filters.dto';
import type { SessionsReportDto } from './dto/sessions-report.dto';
import { percent } from './percent';
import { type ReportSource, RollupFilter } from './rollup-filter';
import { RollupMaintenanceService } from './rollup-maintenance.service';
import { SessionsReportRepository } from './sessions-report.repository';

interface PerCase {
  cases: number;
  withSessions: number;
  orgs: [string, number][];
}

const KINDS = ['assessment', 'preparation', 'follow_up'] as const;

/**
 * Expert sessions. Case-based figures (referral rate, sessions used per organization) take the
 * cases received in the period; session-based ones (kind mix, experts' load, honoraria) take
 * the sessions held in the period, on cases that match the other filters. A session counts
 * unless cancelled, as for the allowance; honoraria are those of completed sessions.
 */
@Injectable()
export class SessionsReportService {
  constructor(
    private readonly repository: SessionsReportRepository,
    private readonly rollups: RollupMaintenanceService,
  ) {}

  async sessions(
    filters: ReportFiltersDto,
    principal: Principal,
    source: ReportSource = 'auto',
  ): Promise<SessionsReportDto> {
    if (source === 'auto') {
      await this.rollups.current();
    }
    const rolled = source === 'auto' ? RollupFilter.covering(filters, principal, 'day') : null;
    const perCase =
      (source === 'auto' && (await this.perCaseFromRollups(filters, principal))) ||
      (await this.perCaseDirect(filters, principal));
    const used = new Map<string, number>(perCase.orgs);

    // Sessions held in the period: the from/to days apply to the session's start.
    const sessionRows = rolled
      ? await this.repository.heldFromRollup(rolled)
      : await this.repository.held(new CaseFilter(filters, principal, 's.scheduled_start'));
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
    const [row, bands] = await Promise.all([
      this.repository.casesWithSessionsFromRollup(counts.table, counts.filter),
      this.repository.sessionsUsedBands(year, scope),
    ]);
    return {
      cases: row?.cases ?? 0,
      withSessions: row?.with_sessions ?? 0,
      orgs: bands.map((b) => [b.band, b.n]),
    };
  }

  /** The same from the base tables: the period's cases and their sessions. */
  private async perCaseDirect(filters: ReportFiltersDto, principal: Principal): Promise<PerCase> {
    const row = await this.repository.perCase(new CaseFilter(filters, principal));
    return {
      cases: row?.cases ?? 0,
      withSessions: row?.with_sessions ?? 0,
      orgs: row?.orgs ?? [],
    };
  }
}
