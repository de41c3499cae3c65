import { tokyoDate } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { NATIONAL_DESK_ID } from '../../common/auth/roles';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { CaseloadService } from './caseload.service';
import type { CaseloadDimension } from './dimensions';
import type { ReportFiltersDto } from './dto/report-filters.dto';
import type { ResultsFiguresDto, SnapshotDto, SnapshotListDto } from './dto/results.dto';
import { EventsFunnelService } from './events-funnel.service';
import { OutcomesService } from './outcomes.service';
import { PartnerPlanProgressService } from './partner-plan-progress.service';
import { ResultsRepository, type SnapshotRow } from './results.repository';
import { SessionsReportService } from './sessions-report.service';
import { SurveysReportService } from './surveys-report.service';

/** The first and last Tokyo day of a period: a month (2026-10) or a fiscal year (FY2026). */
export function periodDays(period: string): { from: string; to: string } {
  const fy = /^FY(\d{4})$/.exec(period);
  if (fy) {
    const year = Number(fy[1]);
    return { from: `${year}-04-01`, to: `${year + 1}-03-31` };
  }
  const [year, month] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

/** The fiscal year (April–March) of a 'YYYY-MM-DD' day. */
const fiscalYearOfDay = (day: string): number => {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
};

/**
 * What a principal's reports cover: a regional desk's manager sees that desk, everyone else
 * who may read reports sees all desks. Snapshots are kept per period and scope.
 */
export function scopeOf(principal: Principal): string {
  return principal.role === 'manager' &&
    principal.deskId !== null &&
    principal.deskId !== NATIONAL_DESK_ID
    ? principal.deskId
    : 'all';
}

const toSnapshot = (r: SnapshotRow): SnapshotDto => ({
  id: r.id,
  period: r.period,
  scope: r.scope,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  createdByName: r.created_by_name,
});

/** The ministries' results report: live figures, or the frozen snapshot of a submitted one. */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ResultsRepository,
    private readonly caseload: CaseloadService,
    private readonly sessions: SessionsReportService,
    private readonly outcomes: OutcomesService,
    private readonly surveys: SurveysReportService,
    private readonly eventsFunnel: EventsFunnelService,
    private readonly partnerPlans: PartnerPlanProgressService,
    private readonly audit: AuditService,
  ) {}

  async compute(period: string, principal: Principal): Promise<ResultsFiguresDto> {
    const { from, to } = periodDays(period);
    const filters: ReportFiltersDto = { from, to };
    // A regional manager's workbook shows the events and plan activities of their desk.
    const scope = scopeOf(principal);
    const desk = scope === 'all' ? undefined : scope;
    const by = async (dimension: CaseloadDimension) =>
      (await this.caseload.caseload(filters, [dimension], principal)).rows;
    return {
      period,
      from,
      to,
      scope,
      computedAt: new Date().toISOString(),
      caseload: {
        byChannel: await by('channel'),
        byTopic: await by('topic'),
        byTopic2: await by('topic2'),
        byPrefecture: await by('prefecture'),
        byIndustry: await by('industry'),
        bySizeBand: await by('size_band'),
        totalCases: await this.caseload.count(filters, principal),
      },
      funnel: await this.caseload.funnel(filters, principal),
      sessions: await this.sessions.sessions(filters, principal),
      outcomes: await this.outcomes.outcomes(filters, principal),
      surveys: await this.surveys.surveys(filters, principal),
      eventsFunnel: await this.eventsFunnel.figures({ from, to, deskId: desk }),
      partnerPlans: await this.partnerPlans.progress(fiscalYearOfDay(from), desk),
    };
  }

  /** The snapshot of the period in the principal's scope if it was frozen, else live figures. */
  async figures(
    period: string,
    principal: Principal,
  ): Promise<{ figures: ResultsFiguresDto; snapshot: SnapshotDto | null }> {
    const row = await this.repository.findWithFigures(period, scopeOf(principal));
    return row
      ? { figures: row.figures, snapshot: toSnapshot(row) }
      : { figures: await this.compute(period, principal), snapshot: null };
  }

  /**
   * Freezes a period that has ended: its figures are stored as computed now and the results
   * workbook is built from them from then on, whatever later edits to the cases.
   */
  async freeze(period: string, actor: ActorContext, now = new Date()): Promise<SnapshotDto> {
    const principal = actor.principal!;
    const { to } = periodDays(period);
    if (to >= tokyoDate(now)) {
      throw validationError('period', 'has not ended yet: freeze a period after its last day');
    }
    const scope = scopeOf(principal);
    const existing = await this.find(period, scope);
    if (existing) {
      throw this.exists(existing);
    }
    const figures = await this.compute(period, principal);
    return this.dataSource.transaction(async (db) => {
      const id = await this.repository.insert(db, period, scope, figures, principal.userId);
      if (!id) {
        throw this.exists((await this.find(period, scope))!);
      }
      await this.audit.record(
        actor,
        {
          action: 'report.snapshot_created',
          entityType: 'report_snapshot',
          entityId: id,
          meta: { period, scope },
        },
        db,
      );
      const created = await this.repository.load(db, id);
      return toSnapshot(created!);
    });
  }

  /** Snapshots in the principal's scope, newest period first. */
  async list(principal: Principal): Promise<SnapshotListDto> {
    const scope = scopeOf(principal);
    const rows = await this.repository.list(scope);
    return { items: rows.map(toSnapshot) };
  }

  private async find(period: string, scope: string): Promise<SnapshotDto | null> {
    const row = await this.repository.find(period, scope);
    return row ? toSnapshot(row) : null;
  }

  private exists(snapshot: SnapshotDto): AppError {
    return new AppError(
      'REPORT_SNAPSHOT_EXISTS',
      `The results for ${snapshot.period} were already frozen on ${snapshot.createdAt}.`,
      undefined,
      { snapshotId: snapshot.id },
    );
  }
}
