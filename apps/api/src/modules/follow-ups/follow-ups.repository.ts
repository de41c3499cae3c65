import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import type { Row } from '../../database/rows';
import { caseScope } from '../cases/case-scope';

/** A follow-up with its case and organization as the board shows it; dates as Tokyo text. */
export type FollowUpRow = Row<
  'follow_up',
  | 'id'
  | 'case_id'
  | 'desk_id'
  | 'assignee_id'
  | 'kind'
  | 'months_after'
  | 'note'
  | 'status'
  | 'adopted'
  | 'subsidy_applied'
  | 'result_note'
  | 'completed_at'
  | 'version'
> & {
  due_on: string;
  overdue: boolean;
  case_desk_id: Row<'case', 'desk_id'>['desk_id'];
  organization_id: Row<'case', 'organization_id'>['organization_id'];
  case_number: Row<'case', 'number'>['number'];
  case_subject: Row<'case', 'subject'>['subject'];
  organization_name: Row<'organization', 'name'>['name'];
  assignee_name: Row<'app_user', 'display_name'>['display_name'] | null;
};

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

export interface FollowUpFilter {
  status: string;
  deskId?: string;
  assigneeId?: string;
  overdue?: boolean;
  dueBy?: string;
  limit: number;
}

export interface FollowUpResult {
  adopted: string | null;
  subsidyApplied: boolean | null;
  resultNote: string | null;
  completedBy: string;
}

/** The SQL on `follow_up`. Writes take the caller's EntityManager; changes are guarded by version. */
/** A follow-up whose reminder is due, with its case's number and organization. */
export type DueReminder = Row<
  'follow_up',
  'id' | 'case_id' | 'desk_id' | 'assignee_id' | 'note'
> & {
  due_on: string;
  number: Row<'case', 'number'>['number'];
  organization_name: Row<'organization', 'name'>['name'];
};

@Injectable()
export class FollowUpsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Open follow-ups assigned to the principal and due before today (Tokyo), on cases they
   * may see: the follow-up board's overdue column in its "mine" scope.
   */
  async countOverdueAssigned(principal: Principal): Promise<number> {
    const params: unknown[] = [principal.userId];
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM follow_up f JOIN "case" c ON c.id = f.case_id
        WHERE f.status = 'open' AND f.assignee_id = $1
          AND f.due_on < (now() AT TIME ZONE 'Asia/Tokyo')::date
          AND ${caseScope(principal, params)}`,
      params,
    );
    return row?.n ?? 0;
  }

  list(filter: FollowUpFilter, principal: Principal): Promise<FollowUpRow[]> {
    const params: unknown[] = [];
    const where = [caseScope(principal, params)];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    add((p) => `f.status = ${p}`, filter.status);
    if (filter.deskId) {
      add((p) => `f.desk_id = ${p}`, filter.deskId);
    }
    if (filter.assigneeId) {
      add((p) => `f.assignee_id = ${p}::uuid`, filter.assigneeId);
    }
    if (filter.overdue === true) {
      where.push(`f.due_on < (now() AT TIME ZONE 'Asia/Tokyo')::date`);
    } else if (filter.overdue === false) {
      where.push(`f.due_on >= (now() AT TIME ZONE 'Asia/Tokyo')::date`);
    }
    if (filter.dueBy) {
      add((p) => `f.due_on <= ${p}::date`, filter.dueBy);
    }
    params.push(filter.limit);
    return this.dataSource.query<FollowUpRow[]>(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY f.due_on, f.created_at LIMIT $${params.length}`,
      params,
    );
  }

  forCase(caseId: string): Promise<FollowUpRow[]> {
    return this.dataSource.query<FollowUpRow[]>(
      `${SELECT} WHERE f.case_id = $1 ORDER BY f.due_on, f.created_at`,
      [caseId],
    );
  }

  async load(id: string): Promise<FollowUpRow | null> {
    const [row] = await this.dataSource.query<FollowUpRow[]>(`${SELECT} WHERE f.id = $1`, [id]);
    return row ?? null;
  }

  /** In the principal's case scope, locked for the change that follows. */
  async findScopedForUpdate(
    db: EntityManager,
    id: string,
    principal: Principal,
  ): Promise<FollowUpRow | null> {
    const params: unknown[] = [id];
    const scope = caseScope(principal, params);
    const [row] = await db.query<FollowUpRow[]>(
      `${SELECT} WHERE f.id = $1 AND ${scope} FOR UPDATE OF f`,
      params,
    );
    return row ?? null;
  }

  async insertManual(
    db: EntityManager,
    f: {
      caseId: string;
      deskId: string;
      assigneeId: string;
      dueOn: string;
      note: string;
      createdBy: string;
    },
  ): Promise<string> {
    const [row] = await db.query<Row<'follow_up', 'id'>[]>(
      `INSERT INTO follow_up (case_id, desk_id, assignee_id, kind, due_on, note, created_by)
         VALUES ($1, $2, $3, 'manual', $4, $5, $6) RETURNING id`,
      [f.caseId, f.deskId, f.assigneeId, f.dueOn, f.note, f.createdBy],
    );
    return row!.id;
  }

  /**
   * Adds the outcome check, or moves the open one of the same months; null when the existing
   * one is no longer open.
   */
  async upsertOutcomeCheck(
    db: EntityManager,
    c: {
      caseId: string;
      deskId: string;
      assigneeId: string | null;
      dueOn: string;
      note: string;
      months: number;
    },
  ): Promise<{ id: string; inserted: boolean } | null> {
    const [row] = await db.query<{ id: string; inserted: boolean }[]>(
      `INSERT INTO follow_up (case_id, desk_id, assignee_id, kind, due_on, note, months_after)
         VALUES ($1, $2, $3, 'outcome_check', $4, $5, $6)
         ON CONFLICT (case_id, months_after) WHERE kind = 'outcome_check' AND status <> 'cancelled'
         DO UPDATE SET due_on = excluded.due_on, updated_at = now(), version = follow_up.version + 1
           WHERE follow_up.status = 'open'
         RETURNING id, (xmax = 0) AS inserted`,
      [c.caseId, c.deskId, c.assigneeId, c.dueOn, c.note, c.months],
    );
    return row ?? null;
  }

  /**
   * Where a case's outcome checks go: its desk and assignee, and the regional desk covering its
   * organization's prefecture (which does the face-to-face follow-ups). Read only.
   */
  async outcomeCheckPlace(
    db: EntityManager,
    caseId: string,
  ): Promise<{ desk_id: string; assignee_id: string | null; covering: string | null } | null> {
    const [row] = await db.query<
      { desk_id: string; assignee_id: string | null; covering: string | null }[]
    >(
      `SELECT c.desk_id, c.assignee_id,
              (SELECT p.desk_id FROM desk_prefecture p WHERE p.prefecture_code = o.prefecture_code) AS covering
         FROM "case" c JOIN organization o ON o.id = c.organization_id WHERE c.id = $1`,
      [caseId],
    );
    return row ?? null;
  }

  async reschedule(
    db: EntityManager,
    id: string,
    version: number,
    dueOn: string,
  ): Promise<boolean> {
    const [rows] = await db.query<[unknown[], number]>(
      `UPDATE follow_up SET due_on = $3, reminded_at = NULL, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status = 'open' RETURNING id`,
      [id, version, dueOn],
    );
    return rows.length > 0;
  }

  async complete(
    db: EntityManager,
    id: string,
    version: number,
    r: FollowUpResult,
  ): Promise<boolean> {
    const [rows] = await db.query<[unknown[], number]>(
      `UPDATE follow_up SET status = 'done', adopted = $3, subsidy_applied = $4, result_note = $5,
           completed_at = now(), completed_by = $6, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status = 'open' RETURNING id`,
      [id, version, r.adopted, r.subsidyApplied, r.resultNote, r.completedBy],
    );
    return rows.length > 0;
  }

  async cancel(db: EntityManager, id: string, version: number): Promise<boolean> {
    const [rows] = await db.query<[unknown[], number]>(
      `UPDATE follow_up SET status = 'cancelled', version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND status = 'open' RETURNING id`,
      [id, version],
    );
    return rows.length > 0;
  }

  /** Staff who may hold a follow-up: active operators, desk staff and managers. */
  async isAssignableStaff(db: EntityManager, userId: string): Promise<boolean> {
    const rows = await db.query<unknown[]>(
      `SELECT 1 FROM app_user WHERE id = $1 AND active AND role IN ('operator', 'desk_staff', 'manager')`,
      [userId],
    );
    return rows.length > 0;
  }

  /**
   * Marks the open follow-ups due today or earlier (in Japan, by the database's clock) as
   * reminded and answers them with what the reminder says; already reminded ones are skipped,
   * so two instances never remind twice.
   */
  async claimDueReminders(db: EntityManager): Promise<DueReminder[]> {
    // For UPDATE … RETURNING, TypeORM's pg driver answers [rows, affectedCount].
    const [due] = await db.query<[DueReminder[], number]>(
      `UPDATE follow_up f SET reminded_at = now()
         FROM "case" c JOIN organization o ON o.id = c.organization_id
        WHERE c.id = f.case_id AND f.status = 'open' AND f.reminded_at IS NULL
          AND f.due_on <= (now() AT TIME ZONE 'Asia/Tokyo')::date
      RETURNING f.id, f.case_id, f.desk_id, f.assignee_id, to_char(f.due_on, 'YYYY-MM-DD') AS due_on,
                f.note, c.number, o.name AS organization_name`,
    );
    return due;
  }
}
