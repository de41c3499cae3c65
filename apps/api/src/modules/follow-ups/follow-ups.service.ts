import {
  addBusinessDays,
  addMonthsClamped,
  nextBusinessDayOnOrAfter,
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
import { assertMayChangeCase } from '../cases/case-scope';
import { CasesService } from '../cases/cases.service';
import { type CaseEventKind, CaseTimelineService } from '../cases/case-timeline.service';
import { DeskCalendarService } from '../desks/desk-calendar.service';
import type {
  CompleteFollowUpDto,
  CreateFollowUpDto,
  FollowUpDto,
  FollowUpQueryDto,
  RescheduleFollowUpDto,
  ScheduleDto,
} from './dto/follow-up.dto';
import { type FollowUpRow, FollowUpsRepository } from './follow-ups.repository';

const toDto = (r: FollowUpRow): FollowUpDto => ({
  id: r.id,
  caseId: r.case_id,
  caseNumber: r.case_number,
  caseSubject: r.case_subject,
  organizationName: r.organization_name,
  deskId: r.desk_id,
  assigneeId: r.assignee_id,
  assigneeName: r.assignee_name,
  kind: r.kind,
  monthsAfter: r.months_after,
  dueOn: r.due_on,
  overdue: r.overdue,
  note: r.note,
  status: r.status,
  adopted: r.adopted,
  subsidyApplied: r.subsidy_applied,
  resultNote: r.result_note,
  completedAt: r.completed_at?.toISOString() ?? null,
  version: r.version,
});

/** Outcome checks after the last expert session: months later, off closures. */
export const OUTCOME_CHECK_MONTHS = [3, 6] as const;

/**
 * Follow-ups are what regional desks live by: a date, a person, a note, and a result. Every
 * change writes the case timeline. They are scoped through their case, like everything else.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cases: CasesService,
    private readonly calendars: DeskCalendarService,
    private readonly audit: AuditService,
    private readonly timeline: CaseTimelineService,
    private readonly repository: FollowUpsRepository,
  ) {}

  /** The home page's "overdue follow-ups": mine, open, due before today. */
  countOverdueAssigned(principal: Principal): Promise<number> {
    return this.repository.countOverdueAssigned(principal);
  }

  async list(query: FollowUpQueryDto, principal: Principal): Promise<FollowUpDto[]> {
    const rows = await this.repository.list(
      {
        status: query.status ?? 'open',
        deskId: query.deskId,
        assigneeId: query.assigneeId,
        overdue: query.overdue === 'true' ? true : query.overdue === 'false' ? false : undefined,
        dueBy: query.dueBy,
        limit: query.limit ?? 100,
      },
      principal,
    );
    return rows.map(toDto);
  }

  async forCase(caseId: string, principal: Principal): Promise<FollowUpDto[]> {
    await this.cases.findScoped(caseId, principal);
    return (await this.repository.forCase(caseId)).map(toDto);
  }

  async create(caseId: string, dto: CreateFollowUpDto, actor: ActorContext): Promise<FollowUpDto> {
    const principal = actor.principal!;
    const id = await this.dataSource.transaction(async (db) => {
      const c = await this.cases.findScoped(caseId, principal, db, 'change');
      if (c.status === 'closed') {
        throw new AppError(
          'FOLLOW_UP_STATE_CONFLICT',
          'Reopen the case before planning a follow-up.',
        );
      }
      const assigneeId = dto.assigneeId ?? c.assignee_id ?? principal.userId;
      await this.assertAssignable(db, assigneeId);
      const dueOn = await this.dueDate(db, c.desk_id, dto);
      const followUpId = await this.repository.insertManual(db, {
        caseId,
        deskId: c.desk_id,
        assigneeId,
        dueOn,
        note: dto.note ?? '',
        createdBy: principal.userId,
      });
      await this.event(db, caseId, principal.userId, 'follow_up_scheduled', dto.note ?? '', {
        followUpId,
        dueOn,
        assigneeId,
      });
      await this.audit.record(
        actor,
        {
          action: 'follow_up.created',
          entityType: 'follow_up',
          entityId: followUpId,
          meta: { caseId, dueOn },
        },
        db,
      );
      return followUpId;
    });
    return this.load(id);
  }

  async reschedule(
    id: string,
    dto: RescheduleFollowUpDto,
    actor: ActorContext,
  ): Promise<FollowUpDto> {
    const principal = actor.principal!;
    await this.dataSource.transaction(async (db) => {
      const before = await this.findScoped(db, id, principal);
      const dueOn = await this.dueDate(db, before.desk_id, dto);
      this.guard(await this.repository.reschedule(db, id, dto.version, dueOn), before);
      await this.event(
        db,
        before.case_id,
        principal.userId,
        'follow_up_rescheduled',
        dto.reason ?? '',
        {
          followUpId: id,
          from: before.due_on,
          to: dueOn,
        },
      );
      await this.audit.record(
        actor,
        {
          action: 'follow_up.rescheduled',
          entityType: 'follow_up',
          entityId: id,
          changes: { dueOn: { from: before.due_on, to: dueOn } },
        },
        db,
      );
    });
    return this.load(id);
  }

  async complete(id: string, dto: CompleteFollowUpDto, actor: ActorContext): Promise<FollowUpDto> {
    const principal = actor.principal!;
    await this.dataSource.transaction(async (db) => {
      const before = await this.findScoped(db, id, principal);
      if (before.kind === 'outcome_check' && dto.adopted === undefined) {
        throw validationError('adopted', 'is required to complete an outcome check');
      }
      const done = await this.repository.complete(db, id, dto.version, {
        adopted: dto.adopted ?? null,
        subsidyApplied: dto.subsidyApplied ?? null,
        resultNote: dto.resultNote ?? null,
        completedBy: principal.userId,
      });
      this.guard(done, before);
      await this.event(
        db,
        before.case_id,
        principal.userId,
        'follow_up_completed',
        dto.resultNote ?? '',
        {
          followUpId: id,
          kind: before.kind,
          ...(dto.adopted ? { adopted: dto.adopted } : {}),
          ...(dto.subsidyApplied !== undefined ? { subsidyApplied: dto.subsidyApplied } : {}),
        },
      );
      if (before.kind === 'outcome_check' && dto.adopted === 'adopted') {
        await this.cases.recordTeleworkFact(
          db,
          before.case_id,
          before.organization_id,
          'outcome_check_adopted',
          actor,
        );
      }
      await this.audit.record(
        actor,
        { action: 'follow_up.completed', entityType: 'follow_up', entityId: id, meta: { ...dto } },
        db,
      );
    });
    return this.load(id);
  }

  async cancel(id: string, version: number, actor: ActorContext): Promise<FollowUpDto> {
    const principal = actor.principal!;
    await this.dataSource.transaction(async (db) => {
      const before = await this.findScoped(db, id, principal);
      this.guard(await this.repository.cancel(db, id, version), before);
      await this.event(db, before.case_id, principal.userId, 'follow_up_cancelled', '', {
        followUpId: id,
      });
      await this.audit.record(
        actor,
        { action: 'follow_up.cancelled', entityType: 'follow_up', entityId: id },
        db,
      );
    });
    return this.load(id);
  }

  /**
   * Schedules (or moves) the outcome checks of a case after an expert session on `sessionDate`:
   * +3 and +6 months, moved to the next business day of the desk that does face-to-face
   * follow-ups for the organization (the regional desk covering its prefecture). Called again
   * after a later session, it moves the open checks instead of adding more.
   */
  async scheduleOutcomeChecks(
    db: EntityManager,
    caseId: string,
    sessionDate: string,
  ): Promise<void> {
    const c = await this.repository.outcomeCheckPlace(db, caseId);
    if (!c) {
      return;
    }
    const deskId = c.covering ?? c.desk_id;
    const calendar = await this.calendars.calendarFor(deskId, db);
    for (const months of OUTCOME_CHECK_MONTHS) {
      const dueOn = nextBusinessDayOnOrAfter(addMonthsClamped(sessionDate, months), calendar);
      const row = await this.repository.upsertOutcomeCheck(db, {
        caseId,
        deskId,
        assigneeId: deskId === c.desk_id ? c.assignee_id : null,
        dueOn,
        note: `専門家派遣後${months}か月の成果確認(テレワーク導入・助成金申請の有無)`,
        months,
      });
      if (row) {
        await this.event(
          db,
          caseId,
          null,
          row.inserted ? 'follow_up_scheduled' : 'follow_up_rescheduled',
          '',
          {
            followUpId: row.id,
            kind: 'outcome_check',
            monthsAfter: months,
            dueOn,
          },
        );
      }
    }
  }

  private async dueDate(db: EntityManager, deskId: string, dto: ScheduleDto): Promise<string> {
    const calendar = await this.calendars.calendarFor(deskId, db);
    if (dto.dueInBusinessDays !== undefined) {
      return addBusinessDays(tokyoDate(this.clock.now()), dto.dueInBusinessDays, calendar);
    }
    const date = dto.dueDate!;
    if (Number.isNaN(Date.parse(`${date}T00:00:00+09:00`)) || date < tokyoDate(this.clock.now())) {
      throw validationError('dueDate', 'must be a real date, today or later');
    }
    return date;
  }

  private async findScoped(
    db: EntityManager,
    id: string,
    principal: Principal,
  ): Promise<FollowUpRow> {
    const row = await this.repository.findScopedForUpdate(db, id, principal);
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such follow-up.');
    }
    assertMayChangeCase(principal, row.case_desk_id);
    return row;
  }

  /** A guarded change that matched no row: someone else changed or closed it first. */
  private guard(changed: boolean, before: FollowUpRow): void {
    if (!changed) {
      throw new AppError(
        'FOLLOW_UP_STATE_CONFLICT',
        before.status === 'open'
          ? 'Someone else changed this follow-up.'
          : `This follow-up is already ${before.status}.`,
        undefined,
        { currentVersion: before.version, status: before.status },
      );
    }
  }

  private async assertAssignable(db: EntityManager, userId: string): Promise<void> {
    if (!(await this.repository.isAssignableStaff(db, userId))) {
      throw validationError('assigneeId', 'is not an active staff member');
    }
  }

  private async event(
    db: EntityManager,
    caseId: string,
    actorId: string | null,
    kind: CaseEventKind,
    body: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.timeline.append(db, { caseId, kind, actorId, body, data });
  }

  private async load(id: string): Promise<FollowUpDto> {
    return toDto((await this.repository.load(id))!);
  }
}
