import {
  fiscalYearOf,
  isOpenStatus,
  kindMakesSense,
  type TeleworkStatus,
  tokyoDate,
} from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { AppError, validationError } from '../../common/errors/app-error';
import { Clock } from '../../common/clock/clock';
import { AuditService } from '../audit/audit.service';
import { CasesService } from '../cases/cases.service';
import { type CaseEventKind, CaseTimelineService } from '../cases/case-timeline.service';
import { FollowUpsService } from '../follow-ups/follow-ups.service';
import { ExpertsService } from '../experts/experts.service';
import { OrganizationsService } from '../organizations/organizations.service';
import type {
  BookSessionDto,
  CancelSessionDto,
  CompleteSessionDto,
  NoShowDto,
  RescheduleSessionDto,
  ExpertSessionDto,
  ExpertSessionQueryDto,
} from './dto/session.dto';
import { type SessionRow, SessionsRepository } from './sessions.repository';
import { AllowanceRepository } from './allowance.repository';

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

type Closing =
  | { status: 'completed'; event: 'session_completed'; body: string; dto: CompleteSessionDto }
  | { status: 'cancelled'; event: 'session_cancelled'; body: string; dto: CancelSessionDto }
  | { status: 'no_show'; event: 'session_no_show'; body: string; dto: NoShowDto };

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cases: CasesService,
    private readonly experts: ExpertsService,
    private readonly audit: AuditService,
    private readonly followUps: FollowUpsService,
    private readonly timeline: CaseTimelineService,
    private readonly repository: SessionsRepository,
    private readonly allowances: AllowanceRepository,
    private readonly organizations: OrganizationsService,
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
    if (start.getTime() <= this.clock.now().getTime()) {
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
      if (!kindMakesSense(dto.kind, organization.teleworkStatus) && !dto.kindOverrideReason) {
        throw new AppError(
          'VALIDATION_FAILED',
          'kind: a follow-up presumes telework was introduced; give kindOverrideReason to book it anyway.',
          [
            {
              field: 'kind',
              message: `${dto.kind} does not fit an organization whose telework status is ${organization.teleworkStatus}`,
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
        sessionId = await this.repository.insert(db, {
          caseId,
          organizationId: organization.id,
          expertId: expert.id,
          kind: dto.kind,
          start,
          end,
          mode: dto.mode,
          location: dto.location ?? null,
          kindOverrideReason: dto.kindOverrideReason ?? null,
          bookedBy: principal.userId,
        });
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
      await this.cases.enterSessionPhase(db, caseId, principal.userId);
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
    return (await this.repository.listOfCase(caseId, principal)).map(toSessionDto);
  }

  async list(query: ExpertSessionQueryDto, principal: Principal): Promise<ExpertSessionDto[]> {
    const rows = await this.repository.list(
      {
        expertId: query.expertId ?? null,
        organizationId: query.organizationId ?? null,
        from: query.from ?? null,
        to: query.to ?? null,
        status: query.status ?? null,
        limit: query.limit ?? 200,
      },
      principal,
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
    if (start.getTime() <= this.clock.now().getTime()) {
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
        if (!(await this.repository.reschedule(db, id, before.version, start, end))) {
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
    const row = await this.repository.findScoped(db, id, principal);
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
      const closed = await this.repository.close(db, id, {
        status: closing.status,
        findings: report.findings,
        recommendations: report.recommendations,
        nextSteps: report.nextSteps,
        minutesSpent: report.minutesSpent,
        honorariumYen: report.honorariumYen ?? null,
        cancelReason: closing.status === 'cancelled' ? closing.dto.reason : null,
        closedBy: principal.userId,
        needsStarted,
      });
      if (!closed) {
        const current = await this.repository.state(db, id);
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
  ): Promise<{ id: string; teleworkStatus: TeleworkStatus }> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const before = await this.cases.organizationIdOf(db, caseId);
      const organization = await this.organizations.lock(db, before);
      const after = await this.cases.organizationIdOf(db, caseId);
      if (organization && after === organization.id) {
        return organization;
      }
    }
    throw new AppError('CONFLICT', 'The case’s organization is being merged; try again.');
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
    const row = await this.repository.load(id);
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such session.');
    }
    return toSessionDto(row);
  }
}
