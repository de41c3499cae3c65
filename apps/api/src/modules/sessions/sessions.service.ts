import {
  canTransition,
  type CaseStatus,
  fiscalYearOf,
  isOpenStatus,
  kindMakesSense,
  tokyoDate,
  type TeleworkStatus,
} from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { CasesService } from '../cases/cases.service';
import { type CaseEventKind, CaseTimelineService } from '../cases/case-timeline.service';
import { FollowUpsService } from '../follow-ups/follow-ups.service';
import { ExpertsService } from '../experts/experts.service';
import type {
  BookSessionDto,
  CancelSessionDto,
  CompleteSessionDto,
  NoShowDto,
  RescheduleSessionDto,
  ExpertSessionDto,
  ExpertSessionQueryDto,
} from './dto/session.dto';
import { sessionScope } from './session-scope';
import { SessionsRepository } from './sessions.repository';
import { AllowanceRepository } from './allowance.repository';

export interface SessionRow {
  id: string;
  case_id: string;
  case_number: string;
  organization_id: string;
  organization_name: string;
  expert_id: string;
  expert_user_id: string;
  expert_name: string;
  kind: string;
  status: string;
  scheduled_start: Date;
  scheduled_end: Date;
  mode: string;
  location: string | null;
  kind_override_reason: string | null;
  findings: string | null;
  recommendations: string | null;
  next_steps: string | null;
  minutes_spent: number | null;
  honorarium_yen: number | null;
  cancel_reason: string | null;
  fiscal_year: number;
  booked_by: string | null;
  closed_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const SESSION_FROM = `expert_session s
  JOIN "case" c ON c.id = s.case_id
  JOIN organization o ON o.id = s.organization_id
  JOIN expert_profile p ON p.id = s.expert_id
  JOIN app_user u ON u.id = p.user_id`;

export const SESSION_COLUMNS = `s.*, lower(s.scheduled) AS scheduled_start, upper(s.scheduled) AS scheduled_end,
  c.number AS case_number, o.name AS organization_name, p.user_id AS expert_user_id,
  u.display_name AS expert_name`;

export const toSessionDto = (r: SessionRow): ExpertSessionDto => ({
  id: r.id,
  caseId: r.case_id,
  caseNumber: r.case_number,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  expertId: r.expert_id,
  expertName: r.expert_name,
  kind: r.kind,
  status: r.status,
  scheduledStart: r.scheduled_start.toISOString(),
  scheduledEnd: r.scheduled_end.toISOString(),
  durationMinutes: Math.round((r.scheduled_end.getTime() - r.scheduled_start.getTime()) / 60_000),
  mode: r.mode,
  location: r.location,
  kindOverrideReason: r.kind_override_reason,
  findings: r.findings,
  recommendations: r.recommendations,
  nextSteps: r.next_steps,
  minutesSpent: r.minutes_spent,
  honorariumYen: r.honorarium_yen,
  cancelReason: r.cancel_reason,
  fiscalYear: r.fiscal_year,
  bookedBy: r.booked_by,
  closedAt: r.closed_at?.toISOString() ?? null,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const PG_EXCLUSION_VIOLATION = '23P01';
// Booking a session takes the case into its session phase, walking the state machine's own
// edges (new → referred_to_expert → in_sessions); later phases are left to the desk.
const MOVES_TO_IN_SESSIONS: readonly CaseStatus[] = ['new', 'in_progress', 'referred_to_expert'];

type Closing =
  | { status: 'completed'; event: 'session_completed'; body: string; dto: CompleteSessionDto }
  | { status: 'cancelled'; event: 'session_cancelled'; body: string; dto: CancelSessionDto }
  | { status: 'no_show'; event: 'session_no_show'; body: string; dto: NoShowDto };

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly experts: ExpertsService,
    private readonly audit: AuditService,
    private readonly followUps: FollowUpsService,
    private readonly timeline: CaseTimelineService,
    private readonly repository: SessionsRepository,
    private readonly allowances: AllowanceRepository,
  ) {}

  /** The home page's "sessions today": scheduled today on cases assigned to the principal. */
  countTodayOnAssignedCases(principal: Principal): Promise<number> {
    return this.repository.countTodayOnAssignedCases(principal);
  }

  /**
   * Books a session. The allowance is enforced under the organization's row lock: every
   * booking for the organization, from any case and any API process, queues on that one row,
   * so the count it reads cannot be changed by another booking before it commits. (An
   * advisory lock would do the same for bookings, but the row lock is also what merges and
   * grants take, so those serialise with bookings too.) The expert's calendar is enforced by
   * the EXCLUDE constraint, which needs no lock at all.
   */
  async book(caseId: string, dto: BookSessionDto, actor: ActorContext): Promise<ExpertSessionDto> {
    const principal = actor.principal!;
    const start = new Date(dto.scheduledStart);
    if (start.getTime() <= Date.now()) {
      throw validationError('scheduledStart', 'must be in the future');
    }
    const end = new Date(start.getTime() + dto.durationMinutes * 60_000);
    const id = await this.dataSource.transaction(async (db) => {
      const kase = await this.cases.findScoped(caseId, principal, db, 'change');
      if (!isOpenStatus(kase.status)) {
        throw new AppError('CASE_CLOSED', 'Reopen the case before booking a session.', undefined, {
          status: kase.status,
        });
      }
      const expert = await this.experts.find(dto.expertId, db).catch(() => null);
      if (!expert) {
        throw validationError('expertId', 'is not a known expert');
      }
      if (!expert.active) {
        throw validationError('expertId', 'is not an active expert');
      }
      const organization = await this.lockOrganizationOf(db, caseId);
      if (!kindMakesSense(dto.kind, organization.telework_status) && !dto.kindOverrideReason) {
        throw new AppError(
          'VALIDATION_FAILED',
          'kind: a follow-up presumes telework was introduced; give kindOverrideReason to book it anyway.',
          [
            {
              field: 'kind',
              message: `${dto.kind} does not fit an organization whose telework status is ${organization.telework_status}`,
            },
            { field: 'kindOverrideReason', message: 'is required to book this kind anyway' },
          ],
        );
      }
      // Counted after the lock: a booking that committed while this one waited is included.
      const allowance = (await this.allowances.allowances(db, [organization.id], start)).get(
        organization.id,
      )!;
      if (allowance.remaining <= 0) {
        throw new AppError(
          'SESSION_LIMIT_REACHED',
          `The organization has used all ${allowance.limit} free sessions${allowance.fiscalYear ? ` of fiscal year ${allowance.fiscalYear}` : ''}.`,
          undefined,
          { sessionAllowance: allowance },
        );
      }
      let sessionId: string;
      try {
        const [row] = await db.query<{ id: string }[]>(
          `INSERT INTO expert_session (case_id, organization_id, expert_id, kind, scheduled, mode, location,
             kind_override_reason, booked_by)
           VALUES ($1, $2, $3, $4, tstzrange($5, $6, '[)'), $7, $8, $9, $10) RETURNING id`,
          [
            caseId,
            organization.id,
            expert.id,
            dto.kind,
            start,
            end,
            dto.mode,
            dto.location ?? null,
            dto.kindOverrideReason ?? null,
            principal.userId,
          ],
        );
        sessionId = row!.id;
      } catch (error) {
        if ((error as { code?: string }).code === PG_EXCLUSION_VIOLATION) {
          throw new AppError(
            'EXPERT_DOUBLE_BOOKED',
            `${expert.name} already has a session at that time.`,
            [{ field: 'scheduledStart', message: 'overlaps another session of this expert' }],
          );
        }
        throw error;
      }
      await this.appendEvent(db, caseId, principal.userId, 'session_booked', '', {
        sessionId,
        expertId: expert.id,
        expertName: expert.name,
        kind: dto.kind,
        scheduledStart: start.toISOString(),
        durationMinutes: dto.durationMinutes,
        mode: dto.mode,
        ...(dto.kindOverrideReason ? { kindOverrideReason: dto.kindOverrideReason } : {}),
      });
      await this.enterSessionPhase(db, caseId, principal.userId);
      await this.audit.record(
        actor,
        {
          action: 'session.booked',
          entityType: 'expert_session',
          entityId: sessionId,
          meta: {
            caseId,
            organizationId: organization.id,
            expertId: expert.id,
            kind: dto.kind,
            kindOverrideReason: dto.kindOverrideReason ?? null,
            allowance: { used: allowance.used + 1, limit: allowance.limit },
          },
        },
        db,
      );
      return sessionId;
    });
    return this.load(id);
  }

  async listOfCase(caseId: string, principal: Principal): Promise<ExpertSessionDto[]> {
    await this.cases.findScoped(caseId, principal);
    const params: unknown[] = [caseId];
    const scope = sessionScope(principal, params);
    const rows = await this.dataSource.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM}
        WHERE s.case_id = $1 AND ${scope} ORDER BY lower(s.scheduled), s.id`,
      params,
    );
    return rows.map(toSessionDto);
  }

  async list(query: ExpertSessionQueryDto, principal: Principal): Promise<ExpertSessionDto[]> {
    const params: unknown[] = [
      query.expertId ?? null,
      query.organizationId ?? null,
      query.from ?? null,
      query.to ?? null,
      query.status ?? null,
      query.limit ?? 200,
    ];
    const scope = sessionScope(principal, params);
    const rows = await this.dataSource.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM}
        WHERE ($1::uuid IS NULL OR s.expert_id = $1)
          AND ($2::uuid IS NULL OR s.organization_id = $2)
          AND ($3::timestamptz IS NULL OR lower(s.scheduled) >= $3)
          AND ($4::timestamptz IS NULL OR lower(s.scheduled) < $4)
          AND ($5::text IS NULL OR s.status = $5)
          AND ${scope}
        ORDER BY lower(s.scheduled), s.id LIMIT $6`,
      params,
    );
    return rows.map(toSessionDto);
  }

  async get(id: string, principal: Principal): Promise<ExpertSessionDto> {
    return toSessionDto(await this.findScoped(id, principal));
  }

  complete(id: string, dto: CompleteSessionDto, actor: ActorContext): Promise<ExpertSessionDto> {
    return this.close(id, actor, {
      status: 'completed',
      event: 'session_completed',
      body: dto.findings,
      dto,
    });
  }

  cancel(id: string, dto: CancelSessionDto, actor: ActorContext): Promise<ExpertSessionDto> {
    return this.close(id, actor, {
      status: 'cancelled',
      event: 'session_cancelled',
      body: dto.reason,
      dto,
    });
  }

  noShow(id: string, dto: NoShowDto, actor: ActorContext): Promise<ExpertSessionDto> {
    return this.close(id, actor, {
      status: 'no_show',
      event: 'session_no_show',
      body: dto.note ?? '',
      dto,
    });
  }

  /**
   * Moves a scheduled session in one conditional UPDATE of its own row: it keeps its id, its
   * place in the allowance and its history, and no cancellation is counted. The expert's
   * EXCLUDE constraint decides a race with a concurrent booking for the new slot (409
   * EXPERT_DOUBLE_BOOKED), and the old slot is never free in between. Moving it into another
   * fiscal year takes a place in that year's allowance, checked under the organization's lock.
   */
  async reschedule(
    id: string,
    dto: RescheduleSessionDto,
    actor: ActorContext,
  ): Promise<ExpertSessionDto> {
    const principal = actor.principal!;
    const start = new Date(dto.scheduledStart);
    if (start.getTime() <= Date.now()) {
      throw validationError('scheduledStart', 'must be in the future');
    }
    await this.dataSource.transaction(async (db) => {
      const before = await this.findScoped(id, principal, db);
      const duration =
        dto.durationMinutes ??
        Math.round((before.scheduled_end.getTime() - before.scheduled_start.getTime()) / 60_000);
      const end = new Date(start.getTime() + duration * 60_000);
      const stateConflict = (message: string) =>
        new AppError('SESSION_STATE_CONFLICT', message, undefined, {
          status: before.status,
          currentVersion: before.version,
        });
      if (before.status !== 'scheduled') {
        throw stateConflict(`The session is already ${before.status}.`);
      }
      if (dto.version !== undefined && dto.version !== before.version) {
        throw stateConflict('Someone else changed this session; reload to see their change.');
      }
      if (fiscalYearOf(start) !== before.fiscal_year) {
        const organization = await this.lockOrganizationOf(db, before.case_id);
        const allowance = (await this.allowances.allowances(db, [organization.id], start)).get(
          organization.id,
        )!;
        if (allowance.fiscalYear !== null && allowance.remaining <= 0) {
          throw new AppError(
            'SESSION_LIMIT_REACHED',
            `The organization has used all ${allowance.limit} free sessions of fiscal year ${allowance.fiscalYear}.`,
            undefined,
            { sessionAllowance: allowance },
          );
        }
      }
      try {
        const [rows] = await db.query<[{ id: string }[], number]>(
          `UPDATE expert_session SET scheduled = tstzrange($2, $3, '[)'), version = version + 1,
             updated_at = now()
           WHERE id = $1 AND status = 'scheduled' AND version = $4 RETURNING id`,
          [id, start, end, before.version],
        );
        if (rows.length === 0) {
          throw stateConflict('Someone else changed this session; reload to see their change.');
        }
      } catch (error) {
        if ((error as { code?: string }).code === PG_EXCLUSION_VIOLATION) {
          throw new AppError(
            'EXPERT_DOUBLE_BOOKED',
            `${before.expert_name} already has a session at that time.`,
            [{ field: 'scheduledStart', message: 'overlaps another session of this expert' }],
          );
        }
        throw error;
      }
      await this.appendEvent(
        db,
        before.case_id,
        principal.userId,
        'session_rescheduled',
        dto.reason ?? '',
        {
          sessionId: id,
          expertId: before.expert_id,
          expertName: before.expert_name,
          kind: before.kind,
          from: before.scheduled_start.toISOString(),
          scheduledStart: start.toISOString(),
          durationMinutes: duration,
        },
      );
      await this.audit.record(
        actor,
        {
          action: 'session.rescheduled',
          entityType: 'expert_session',
          entityId: id,
          changes: {
            scheduledStart: {
              from: before.scheduled_start.toISOString(),
              to: start.toISOString(),
            },
          },
          meta: { caseId: before.case_id, organizationId: before.organization_id },
        },
        db,
      );
    });
    return this.load(id);
  }

  /** The session if the principal may see it; 404 otherwise, whether it exists or not. */
  async findScoped(
    id: string,
    principal: Principal,
    db: EntityManager = this.dataSource.manager,
  ): Promise<SessionRow> {
    const params: unknown[] = [id];
    const scope = sessionScope(principal, params);
    const [row] = await db.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.id = $1 AND ${scope}`,
      params,
    );
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such session.');
    }
    return row;
  }

  /**
   * Every way out of `scheduled` is one conditional UPDATE: of two concurrent requests (a
   * cancel and a completion, say) exactly one changes the row; the other gets 409.
   */
  private async close(
    id: string,
    actor: ActorContext,
    closing: Closing,
  ): Promise<ExpertSessionDto> {
    const principal = actor.principal!;
    await this.dataSource.transaction(async (db) => {
      const before = await this.findScoped(id, principal, db);
      const report =
        closing.status === 'completed'
          ? closing.dto
          : {
              findings: null,
              recommendations: null,
              nextSteps: null,
              minutesSpent: null,
              honorariumYen: null,
            };
      // A report or a no-show is about a session that has begun; a cancellation may come any time.
      const needsStarted = closing.status !== 'cancelled';
      const [rows] = await db.query<[{ id: string }[], number]>(
        `UPDATE expert_session SET status = $2,
           findings = $3, recommendations = $4, next_steps = $5, minutes_spent = $6, honorarium_yen = $7,
           cancel_reason = $8, closed_by = $9, closed_at = now(), version = version + 1, updated_at = now()
         WHERE id = $1 AND status = 'scheduled' AND (NOT $10::boolean OR lower(scheduled) <= now())
         RETURNING id`,
        [
          id,
          closing.status,
          report.findings,
          report.recommendations,
          report.nextSteps,
          report.minutesSpent,
          report.honorariumYen ?? null,
          closing.status === 'cancelled' ? closing.dto.reason : null,
          principal.userId,
          needsStarted,
        ],
      );
      if (rows.length === 0) {
        const [current] = await db.query<{ status: string; started: boolean }[]>(
          `SELECT status, lower(scheduled) <= now() AS started FROM expert_session WHERE id = $1`,
          [id],
        );
        throw new AppError(
          'SESSION_STATE_CONFLICT',
          current?.status !== 'scheduled'
            ? `The session is already ${current?.status ?? 'gone'}.`
            : 'The session has not started yet.',
          undefined,
          { status: current?.status ?? null },
        );
      }
      await this.appendEvent(db, before.case_id, principal.userId, closing.event, closing.body, {
        sessionId: id,
        expertId: before.expert_id,
        expertName: before.expert_name,
        kind: before.kind,
        scheduledStart: before.scheduled_start.toISOString(),
        ...(closing.status === 'completed'
          ? {
              minutesSpent: closing.dto.minutesSpent,
              honorariumYen: closing.dto.honorariumYen ?? null,
            }
          : {}),
      });
      if (closing.status === 'completed') {
        // Outcome checks follow the last session: +3 and +6 months, off closures.
        await this.followUps.scheduleOutcomeChecks(
          db,
          before.case_id,
          tokyoDate(before.scheduled_start),
        );
        if (before.kind === 'follow_up') {
          await this.cases.recordTeleworkFact(
            db,
            before.case_id,
            before.organization_id,
            'follow_up_session_completed',
            actor,
          );
        }
      }
      await this.audit.record(
        actor,
        {
          action: `session.${closing.status}`,
          entityType: 'expert_session',
          entityId: id,
          changes: { status: { from: 'scheduled', to: closing.status } },
          meta: { caseId: before.case_id, organizationId: before.organization_id },
        },
        db,
      );
    });
    return this.load(id);
  }

  /**
   * Locks the organization the case belongs to. A merge may move the case between reading
   * its organization and getting the lock, so the case is read again under the lock.
   */
  private async lockOrganizationOf(
    db: EntityManager,
    caseId: string,
  ): Promise<{ id: string; telework_status: TeleworkStatus }> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const [before] = await db.query<{ organization_id: string }[]>(
        `SELECT organization_id FROM "case" WHERE id = $1`,
        [caseId],
      );
      const [organization] = await db.query<{ id: string; telework_status: TeleworkStatus }[]>(
        `SELECT id, telework_status FROM organization WHERE id = $1 FOR UPDATE`,
        [before!.organization_id],
      );
      const [after] = await db.query<{ organization_id: string }[]>(
        `SELECT organization_id FROM "case" WHERE id = $1`,
        [caseId],
      );
      if (organization && after?.organization_id === organization.id) {
        return organization;
      }
    }
    throw new AppError('CONFLICT', 'The case’s organization is being merged; try again.');
  }

  private async enterSessionPhase(db: EntityManager, caseId: string, actorId: string) {
    const [kase] = await db.query<{ status: CaseStatus }[]>(
      `SELECT status FROM "case" WHERE id = $1`,
      [caseId],
    );
    const from = kase!.status;
    if (!MOVES_TO_IN_SESSIONS.includes(from)) {
      return;
    }
    const path: CaseStatus[] = canTransition(from, 'in_sessions')
      ? ['in_sessions']
      : ['referred_to_expert', 'in_sessions'];
    if (!path.every((to, i) => canTransition(i === 0 ? from : path[i - 1]!, to))) {
      return;
    }
    const [rows] = await db.query<[{ id: string }[], number]>(
      `UPDATE "case" SET status = 'in_sessions', version = version + 1, updated_at = now()
        WHERE id = $1 AND status = $2 RETURNING id`,
      [caseId, from],
    );
    if (rows.length > 0) {
      await this.appendEvent(db, caseId, actorId, 'status_changed', '', {
        from,
        to: 'in_sessions',
        ...(path.length > 1 ? { via: path.slice(0, -1) } : {}),
        reason: 'session_booked',
      });
    }
  }

  private async appendEvent(
    db: EntityManager,
    caseId: string,
    actorId: string,
    kind: CaseEventKind,
    body: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.timeline.append(db, { caseId, kind, actorId, body, data });
  }

  private async load(id: string): Promise<ExpertSessionDto> {
    const [row] = await this.dataSource.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.id = $1`,
      [id],
    );
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such session.');
    }
    return toSessionDto(row);
  }
}
