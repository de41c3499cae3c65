import { closureReason } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { DeskCalendarService } from './desk-calendar.service';
import { type DeskRow, DesksRepository } from './desks.repository';
import type {
  DeskCalendarDto,
  DeskCalendarQueryDto,
  AssignmentMode,
  CreateDeskClosureDto,
  DeskClosureDto,
  DeskDto,
  UpdateDeskDto,
} from './dto/desk.dto';

const toDto = (d: DeskRow): DeskDto => ({
  id: d.id,
  kind: d.kind as DeskDto['kind'],
  nameJa: d.name_ja,
  nameEn: d.name_en,
  prefectures: d.prefectures,
  openTime: d.open_time,
  closeTime: d.close_time,
  assignmentMode: d.assignment_mode as AssignmentMode,
  transferAcceptBusinessDays: d.transfer_accept_business_days,
  defaultChannel: d.default_channel as DeskDto['defaultChannel'],
  active: d.active,
});

/** Desks as reference data: who covers which prefecture, their hours, closures and queue policy. */
@Injectable()
export class DesksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly desks: DesksRepository,
    private readonly calendars: DeskCalendarService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<DeskDto[]> {
    return (await this.desks.list()).map(toDto);
  }

  async get(id: string): Promise<DeskDto> {
    const row = await this.desks.find(id);
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such desk.');
    }
    return toDto(row);
  }

  /** Whether the desk exists and takes cases, read in the caller's transaction. */
  isActive(id: string, db?: EntityManager): Promise<boolean> {
    return this.desks.isActive(id, db);
  }

  transferAcceptDays(db: EntityManager, id: string): Promise<number | null> {
    return this.desks.transferAcceptDays(db, id);
  }

  /** Auto-assignment's turn at a desk (routing picks the person; the desk row is ours). */
  assignmentMode(db: EntityManager, id: string): Promise<string | null> {
    return this.desks.assignmentMode(db, id);
  }

  lockAssignmentTurn(
    db: EntityManager,
    id: string,
  ): Promise<{ assignment_mode: string; last_assigned_user_id: string | null } | null> {
    return this.desks.lockAssignmentTurn(db, id);
  }

  recordAssigned(db: EntityManager, id: string, userId: string): Promise<void> {
    return this.desks.recordAssigned(db, id, userId);
  }

  coveringDesk(db: EntityManager, prefectureCode: string): Promise<string | null> {
    return this.desks.coveringDesk(db, prefectureCode);
  }

  /** The desk's hours and every closed day in a range, read off its business calendar. */
  async calendar(id: string, query: DeskCalendarQueryDto): Promise<DeskCalendarDto> {
    const desk = await this.get(id);
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    if (days < 0) {
      throw validationError('to', 'must not be before from', 'dateOrder');
    }
    if (days > 400) {
      throw validationError('to', 'must be at most 400 days after from');
    }
    const calendar = await this.calendars.calendarFor(id);
    const closedDays: DeskCalendarDto['closedDays'] = [];
    for (let i = 0; i <= days; i += 1) {
      const date = new Date(Date.parse(query.from) + i * 86_400_000).toISOString().slice(0, 10);
      const reason = closureReason(date, calendar);
      if (reason) {
        closedDays.push({ date, reason });
      }
    }
    return { openTime: desk.openTime, closeTime: desk.closeTime, closedDays };
  }

  async update(id: string, dto: UpdateDeskDto, actor: ActorContext): Promise<DeskDto> {
    const before = await this.get(id);
    const openTime = dto.openTime ?? before.openTime;
    const closeTime = dto.closeTime ?? before.closeTime;
    if (openTime >= closeTime) {
      throw validationError(
        dto.closeTime ? 'closeTime' : 'openTime',
        'must leave the desk open for some time',
        'closeAfterOpen',
      );
    }
    await this.dataSource.transaction(async (db) => {
      await this.desks.update(db, id, {
        openTime,
        closeTime,
        assignmentMode: dto.assignmentMode ?? null,
        transferAcceptBusinessDays: dto.transferAcceptBusinessDays ?? null,
        defaultChannel: dto.defaultChannel ?? null,
      });
      const changes = Object.fromEntries(
        (Object.keys(dto) as (keyof UpdateDeskDto)[])
          .filter((k) => dto[k] !== undefined && dto[k] !== before[k])
          .map((k) => [k, { from: before[k], to: dto[k] }]),
      );
      await this.audit.record(
        actor,
        { action: 'desk.updated', entityType: 'desk', entityId: id, changes },
        db,
      );
    });
    this.calendars.forget(id);
    return this.get(id);
  }

  async closures(id: string): Promise<DeskClosureDto[]> {
    await this.get(id);
    return this.desks.closures(id);
  }

  async addClosure(
    id: string,
    dto: CreateDeskClosureDto,
    actor: ActorContext,
  ): Promise<DeskClosureDto> {
    await this.get(id);
    await this.dataSource.transaction(async (db) => {
      await this.desks.upsertClosure(db, {
        desk_id: id,
        date: dto.date,
        reason: dto.reason ?? '',
        created_by: actor.principal!.userId,
      });
      await this.audit.record(
        actor,
        { action: 'desk.closure_added', entityType: 'desk', entityId: id, meta: { ...dto } },
        db,
      );
    });
    this.calendars.forget(id);
    return { date: dto.date, reason: dto.reason ?? '' };
  }

  async removeClosure(id: string, date: string, actor: ActorContext): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      if ((await this.desks.deleteClosure(db, id, date)) === 0) {
        throw new AppError('NOT_FOUND', 'No such closure.');
      }
      await this.audit.record(
        actor,
        { action: 'desk.closure_removed', entityType: 'desk', entityId: id, meta: { date } },
        db,
      );
    });
    this.calendars.forget(id);
  }
}
