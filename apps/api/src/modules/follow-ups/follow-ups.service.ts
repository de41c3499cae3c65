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
import { AuditService } from '../audit/audit.service';
import { caseScope, assertMayChangeCase } from '../cases/case-scope';
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
import { FollowUpsRepository } from './follow-ups.repository';

interface Row {
  id: string;
  case_desk_id: string;
  case_id: string;
  organization_id: string;
  case_number: string;
  case_subject: string;
  organization_name: string;
  desk_id: string;
  assignee_id: string | null;
  assignee_name: string | null;
  kind: string;
  months_after: number | null;
  due_on: string;
  overdue: boolean;
  note: string;
  status: string;
  adopted: string | null;
  subsidy_applied: boolean | null;
  result_note: string | null;
  completed_at: Date | null;
  version: number;
}

const toDto = (r: Row): FollowUpDto => ({
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

// "Today" and "overdue" are Tokyo dates, whatever the server's time zone.
const SELECT = `SELECT f.id, f.case_id, c.organization_id, c.number AS case_number, c.subject AS case_subject, o.name AS organization_name,
       f.desk_id, f.assignee_id, u.display_name AS assignee_name, f.kind, f.months_after,
       to_char(f.due_on, 'YYYY-MM-DD') AS due_on,
       (f.status = 'open' AND f.due_on < (now() AT TIME ZONE 'Asia/Tokyo')::date) AS overdue,
       f.note, f.status, f.adopted, f.subsidy_applied, f.result_note, f.completed_at, f.version,
       c.desk_id AS case_desk_id
  FROM follow_up f
  JOIN "case" c ON c.id = f.case_id
  JOIN organization o ON o.id = c.organization_id
  LEFT JOIN app_user u ON u.id = f.assignee_id`;

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
    const params: unknown[] = [];
    const where = [caseScope(principal, params)];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    add((p) => `f.status = ${p}`, query.status ?? 'open');
    if (query.deskId) {
      add((p) => `f.desk_id = ${p}`, query.deskId);
    }
    if (query.assigneeId) {
      add((p) => `f.assignee_id = ${p}::uuid`, query.assigneeId);
    }
    if (query.overdue === 'true') {
      where.push(`f.due_on < (now() AT TIME ZONE 'Asia/Tokyo')::date`);
    } else if (query.overdue === 'false') {
      where.push(`f.due_on >= (now() AT TIME ZONE 'Asia/Tokyo')::date`);
    }
    if (query.dueBy) {
      add((p) => `f.due_on <= ${p}::date`, query.dueBy);
    }
    params.push(query.limit ?? 100);
    const rows = await this.dataSource.query<Row[]>(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY f.due_on, f.created_at LIMIT $${params.length}`,
      params,
    );
    return rows.map(toDto);
  }

  async forCase(caseId: string, principal: Principal): Promise<FollowUpDto[]> {
    await this.cases.findScoped(caseId, principal);
    const rows = await this.dataSource.query<Row[]>(
      `${SELECT} WHERE f.case_id = $1 ORDER BY f.due_on, f.created_at`,
      [caseId],
    );
    return rows.map(toDto);
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
      const [row] = await db.query<{ id: string }[]>(
        `INSERT INTO follow_up (case_id, desk_id, assignee_id, kind, due_on, note, created_by)
         VALUES ($1, $2, $3, 'manual', $4, $5, $6) RETURNING id`,
        [caseId, c.desk_id, assigneeId, dueOn, dto.note ?? '', principal.userId],
      );
      await this.event(db, caseId, principal.userId, 'follow_up_scheduled', dto.note ?? '', {
        followUpId: row!.id,
        dueOn,
        assigneeId,
      });
      await this.audit.record(
        actor,
        {
          action: 'follow_up.created',
          entityType: 'follow_up',
          entityId: row!.id,
          meta: { caseId, dueOn },
        },
        db,
      );
      return row!.id;
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
      await this.guardedUpdate(
        db,
        `UPDATE follow_up SET due_on = $3, reminded_at = NULL, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status = 'open' RETURNING id`,
        [id, dto.version, dueOn],
        before,
      );
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
      await this.guardedUpdate(
        db,
        `UPDATE follow_up SET status = 'done', adopted = $3, subsidy_applied = $4, result_note = $5,
           completed_at = now(), completed_by = $6, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status = 'open' RETURNING id`,
        [
          id,
          dto.version,
          dto.adopted ?? null,
          dto.subsidyApplied ?? null,
          dto.resultNote ?? null,
          principal.userId,
        ],
        before,
      );
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
      await this.guardedUpdate(
        db,
        `UPDATE follow_up SET status = 'cancelled', version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status = 'open' RETURNING id`,
        [id, version],
        before,
      );
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
    const [c] = await db.query<
      { desk_id: string; assignee_id: string | null; covering: string | null }[]
    >(
      `SELECT c.desk_id, c.assignee_id,
              (SELECT p.desk_id FROM desk_prefecture p WHERE p.prefecture_code = o.prefecture_code) AS covering
         FROM "case" c JOIN organization o ON o.id = c.organization_id WHERE c.id = $1`,
      [caseId],
    );
    if (!c) {
      return;
    }
    const deskId = c.covering ?? c.desk_id;
    const calendar = await this.calendars.calendarFor(deskId, db);
    for (const months of OUTCOME_CHECK_MONTHS) {
      const dueOn = nextBusinessDayOnOrAfter(addMonthsClamped(sessionDate, months), calendar);
      const [row] = await db.query<{ id: string; inserted: boolean }[]>(
        `INSERT INTO follow_up (case_id, desk_id, assignee_id, kind, due_on, note, months_after)
         VALUES ($1, $2, $3, 'outcome_check', $4, $5, $6)
         ON CONFLICT (case_id, months_after) WHERE kind = 'outcome_check' AND status <> 'cancelled'
         DO UPDATE SET due_on = excluded.due_on, updated_at = now(), version = follow_up.version + 1
           WHERE follow_up.status = 'open'
         RETURNING id, (xmax = 0) AS inserted`,
        [
          caseId,
          deskId,
          deskId === c.desk_id ? c.assignee_id : null,
          dueOn,
          `専門家派遣後${months}か月の成果確認(テレワーク導入・助成金申請の有無)`,
          months,
        ],
      );
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
      return addBusinessDays(tokyoDate(new Date()), dto.dueInBusinessDays, calendar);
    }
    const date = dto.dueDate!;
    if (Number.isNaN(Date.parse(`${date}T00:00:00+09:00`)) || date < tokyoDate(new Date())) {
      throw validationError('dueDate', 'must be a real date, today or later');
    }
    return date;
  }

  private async findScoped(db: EntityManager, id: string, principal: Principal): Promise<Row> {
    const params: unknown[] = [id];
    const scope = caseScope(principal, params);
    const [row] = await db.query<Row[]>(
      `${SELECT} WHERE f.id = $1 AND ${scope} FOR UPDATE OF f`,
      params,
    );
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such follow-up.');
    }
    assertMayChangeCase(principal, row.case_desk_id);
    return row;
  }

  private async guardedUpdate(
    db: EntityManager,
    sql: string,
    params: unknown[],
    before: Row,
  ): Promise<void> {
    const [rows] = await db.query<[unknown[], number]>(sql, params);
    if (rows.length === 0) {
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
    const [user] = await db.query<unknown[]>(
      `SELECT 1 FROM app_user WHERE id = $1 AND active AND role IN ('operator', 'desk_staff', 'manager')`,
      [userId],
    );
    if (!user) {
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
    const [row] = await this.dataSource.query<Row[]>(`${SELECT} WHERE f.id = $1`, [id]);
    return toDto(row!);
  }
}
