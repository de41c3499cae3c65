import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { DeskCalendarService } from './desk-calendar.service';
import type {
  AssignmentMode,
  CreateDeskClosureDto,
  DeskClosureDto,
  DeskDto,
  UpdateDeskDto,
} from './dto/desk.dto';

interface DeskRow {
  id: string;
  kind: 'national' | 'regional';
  name_ja: string;
  name_en: string;
  prefectures: string[];
  open_time: string;
  close_time: string;
  assignment_mode: AssignmentMode;
  transfer_accept_business_days: number;
  active: boolean;
}

const toDto = (d: DeskRow): DeskDto => ({
  id: d.id,
  kind: d.kind,
  nameJa: d.name_ja,
  nameEn: d.name_en,
  prefectures: d.prefectures,
  openTime: d.open_time,
  closeTime: d.close_time,
  assignmentMode: d.assignment_mode,
  transferAcceptBusinessDays: d.transfer_accept_business_days,
  active: d.active,
});

const SELECT = `SELECT d.id, d.kind, d.name_ja, d.name_en, d.active, d.assignment_mode, d.transfer_accept_business_days,
       to_char(d.open_time, 'HH24:MI') AS open_time, to_char(d.close_time, 'HH24:MI') AS close_time,
       ARRAY(SELECT p.prefecture_code::text FROM desk_prefecture p WHERE p.desk_id = d.id ORDER BY 1) AS prefectures
  FROM desk d`;

/** Desks as reference data: who covers which prefecture, their hours, closures and queue policy. */
@Injectable()
export class DesksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: DeskCalendarService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<DeskDto[]> {
    const rows = await this.dataSource.query<DeskRow[]>(`${SELECT} ORDER BY d.sort_order, d.id`);
    return rows.map(toDto);
  }

  async get(id: string): Promise<DeskDto> {
    const [row] = await this.dataSource.query<DeskRow[]>(`${SELECT} WHERE d.id = $1`, [id]);
    if (!row) {
      throw new AppError('NOT_FOUND', 'No such desk.');
    }
    return toDto(row);
  }

  async update(id: string, dto: UpdateDeskDto, actor: ActorContext): Promise<DeskDto> {
    const before = await this.get(id);
    const openTime = dto.openTime ?? before.openTime;
    const closeTime = dto.closeTime ?? before.closeTime;
    if (openTime >= closeTime) {
      throw validationError(
        dto.closeTime ? 'closeTime' : 'openTime',
        'must leave the desk open for some time',
      );
    }
    await this.dataSource.transaction(async (db) => {
      await db.query(
        `UPDATE desk SET open_time = $2, close_time = $3, assignment_mode = coalesce($4, assignment_mode),
           transfer_accept_business_days = coalesce($5, transfer_accept_business_days), updated_at = now()
         WHERE id = $1`,
        [
          id,
          openTime,
          closeTime,
          dto.assignmentMode ?? null,
          dto.transferAcceptBusinessDays ?? null,
        ],
      );
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
    const rows = await this.dataSource.query<{ date: string; reason: string }[]>(
      `SELECT to_char(closed_on, 'YYYY-MM-DD') AS date, reason FROM desk_closure WHERE desk_id = $1 ORDER BY closed_on`,
      [id],
    );
    return rows;
  }

  async addClosure(
    id: string,
    dto: CreateDeskClosureDto,
    actor: ActorContext,
  ): Promise<DeskClosureDto> {
    await this.get(id);
    await this.dataSource.transaction(async (db) => {
      await db.query(
        `INSERT INTO desk_closure (desk_id, closed_on, reason, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (desk_id, closed_on) DO UPDATE SET reason = excluded.reason`,
        [id, dto.date, dto.reason ?? '', actor.principal!.userId],
      );
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
      const [, affected] = await db.query<[unknown, number]>(
        `DELETE FROM desk_closure WHERE desk_id = $1 AND closed_on = $2::date`,
        [id, date],
      );
      if (affected === 0) {
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
