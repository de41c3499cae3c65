import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';
import { prepared } from '../../database/prepared-statements';

/** A desk as the services read it: times as HH:MM text and its prefectures folded in. */
export type DeskRow = Row<
  'desk',
  | 'id'
  | 'kind'
  | 'name_ja'
  | 'name_en'
  | 'active'
  | 'assignment_mode'
  | 'transfer_accept_business_days'
  | 'default_channel'
> & { open_time: string; close_time: string; prefectures: string[] };

/** A desk's hours and closures, as its business calendar needs them. */
export interface DeskHoursRow {
  open_time: string;
  close_time: string;
  closures: string[];
}

const SELECT = `SELECT d.id, d.kind, d.name_ja, d.name_en, d.active, d.assignment_mode, d.transfer_accept_business_days, d.default_channel,
       to_char(d.open_time, 'HH24:MI') AS open_time, to_char(d.close_time, 'HH24:MI') AS close_time,
       ARRAY(SELECT p.prefecture_code::text FROM desk_prefecture p WHERE p.desk_id = d.id ORDER BY 1) AS prefectures
  FROM desk d`;

// An intake's for a walk-in, seminar or chamber case.
const COVERING_DESK_SQL = prepared(
  `SELECT p.desk_id FROM desk_prefecture p JOIN desk d ON d.id = p.desk_id
    WHERE p.prefecture_code = $1 AND d.active`,
);

/**
 * The only SQL on `desk`, `desk_prefecture` and `desk_closure`. Every method takes the caller's
 * EntityManager when it may run inside a transaction.
 */
@Injectable()
export class DesksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(db: EntityManager = this.dataSource.manager): Promise<DeskRow[]> {
    return db.query<DeskRow[]>(`${SELECT} ORDER BY d.sort_order, d.id`);
  }

  async find(id: string, db: EntityManager = this.dataSource.manager): Promise<DeskRow | null> {
    const [row] = await db.query<DeskRow[]>(`${SELECT} WHERE d.id = $1`, [id]);
    return row ?? null;
  }

  async isActive(id: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await db.query<Row<'desk', 'id'>[]>(
      `SELECT id FROM desk WHERE id = $1 AND active`,
      [id],
    );
    return rows.length > 0;
  }

  /** The business days an active desk has to accept a transfer; null for no active desk. */
  async transferAcceptDays(db: EntityManager, id: string): Promise<number | null> {
    const [row] = await db.query<Row<'desk', 'transfer_accept_business_days'>[]>(
      `SELECT transfer_accept_business_days FROM desk WHERE id = $1 AND active`,
      [id],
    );
    return row?.transfer_accept_business_days ?? null;
  }

  /** The desk's auto-assignment mode, without a lock: most desks are off and take none. */
  async assignmentMode(db: EntityManager, id: string): Promise<DeskRow['assignment_mode'] | null> {
    const [row] = await db.query<Row<'desk', 'assignment_mode'>[]>(
      `SELECT assignment_mode FROM desk WHERE id = $1`,
      [id],
    );
    return row?.assignment_mode ?? null;
  }

  /**
   * The desk's assignment turn, locked until the caller's transaction ends. NO KEY UPDATE:
   * intakes of this desk take turns, without blocking inserts of cases that merely reference
   * the desk row.
   */
  async lockAssignmentTurn(
    db: EntityManager,
    id: string,
  ): Promise<Row<'desk', 'assignment_mode' | 'last_assigned_user_id'> | null> {
    const [row] = await db.query<Row<'desk', 'assignment_mode' | 'last_assigned_user_id'>[]>(
      `SELECT assignment_mode, last_assigned_user_id FROM desk WHERE id = $1 FOR NO KEY UPDATE`,
      [id],
    );
    return row ?? null;
  }

  async recordAssigned(db: EntityManager, id: string, userId: string): Promise<void> {
    await db.query(`UPDATE desk SET last_assigned_user_id = $2 WHERE id = $1`, [id, userId]);
  }

  /** The active desk covering a prefecture, if any. */
  async coveringDesk(db: EntityManager, prefectureCode: string): Promise<string | null> {
    const [row] = await db.query<Row<'desk_prefecture', 'desk_id'>[]>(COVERING_DESK_SQL, [
      prefectureCode,
    ]);
    return row?.desk_id ?? null;
  }

  async hours(
    id: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<DeskHoursRow | null> {
    const [row] = await db.query<DeskHoursRow[]>(
      `SELECT to_char(d.open_time, 'HH24:MI') AS open_time, to_char(d.close_time, 'HH24:MI') AS close_time,
              ARRAY(SELECT to_char(c.closed_on, 'YYYY-MM-DD') FROM desk_closure c WHERE c.desk_id = d.id) AS closures
         FROM desk d WHERE d.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async update(
    db: EntityManager,
    id: string,
    change: {
      openTime: string;
      closeTime: string;
      assignmentMode: string | null;
      transferAcceptBusinessDays: number | null;
      defaultChannel: string | null;
    },
  ): Promise<void> {
    await db.query(
      `UPDATE desk SET open_time = $2, close_time = $3, assignment_mode = coalesce($4, assignment_mode),
         transfer_accept_business_days = coalesce($5, transfer_accept_business_days),
         default_channel = coalesce($6, default_channel), updated_at = now()
       WHERE id = $1`,
      [
        id,
        change.openTime,
        change.closeTime,
        change.assignmentMode,
        change.transferAcceptBusinessDays,
        change.defaultChannel,
      ],
    );
  }

  closures(id: string): Promise<{ date: string; reason: string }[]> {
    return this.dataSource.query<{ date: string; reason: string }[]>(
      `SELECT to_char(closed_on, 'YYYY-MM-DD') AS date, reason FROM desk_closure WHERE desk_id = $1 ORDER BY closed_on`,
      [id],
    );
  }

  async upsertClosure(
    db: EntityManager,
    closure: Pick<Row<'desk_closure'>, 'desk_id' | 'reason' | 'created_by'> & { date: string },
  ): Promise<void> {
    await db.query(
      `INSERT INTO desk_closure (desk_id, closed_on, reason, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (desk_id, closed_on) DO UPDATE SET reason = excluded.reason`,
      [closure.desk_id, closure.date, closure.reason, closure.created_by],
    );
  }

  /** Answers how many closures were removed (0 or 1). */
  async deleteClosure(db: EntityManager, id: string, date: string): Promise<number> {
    const [, affected] = await db.query<[unknown, number]>(
      `DELETE FROM desk_closure WHERE desk_id = $1 AND closed_on = $2::date`,
      [id, date],
    );
    return affected;
  }
}
