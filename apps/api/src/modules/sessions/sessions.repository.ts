import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import type { Row } from '../../database/rows';
import { sessionScope } from './session-scope';

/**
 * A session as the services read it: its row (the range split into start and end) with the
 * case number, organization and expert names it is shown with.
 */
export type SessionRow = Omit<Row<'expert_session'>, 'scheduled' | 'fiscal_year'> & {
  scheduled_start: Date;
  scheduled_end: Date;
  /** A generated column (from the start), so never null although the schema types allow it. */
  fiscal_year: number;
  case_number: Row<'case', 'number'>['number'];
  organization_name: Row<'organization', 'name'>['name'];
  expert_user_id: Row<'expert_profile', 'user_id'>['user_id'];
  expert_name: Row<'app_user', 'display_name'>['display_name'];
};

const SESSION_FROM = `expert_session s
  JOIN "case" c ON c.id = s.case_id
  JOIN organization o ON o.id = s.organization_id
  JOIN expert_profile p ON p.id = s.expert_id
  JOIN app_user u ON u.id = p.user_id`;

const SESSION_COLUMNS = `s.*, lower(s.scheduled) AS scheduled_start, upper(s.scheduled) AS scheduled_end,
  c.number AS case_number, o.name AS organization_name, p.user_id AS expert_user_id,
  u.display_name AS expert_name`;

export interface NewSession {
  caseId: string;
  organizationId: string;
  expertId: string;
  kind: string;
  start: Date;
  end: Date;
  mode: string;
  location: string | null;
  kindOverrideReason: string | null;
  bookedBy: string;
}

export interface SessionClosing {
  status: 'completed' | 'cancelled' | 'no_show';
  findings: string | null;
  recommendations: string | null;
  nextSteps: string | null;
  minutesSpent: number | null;
  honorariumYen: number | null;
  cancelReason: string | null;
  closedBy: string;
  /** A report or a no-show is about a session that has begun. */
  needsStarted: boolean;
}

export interface SessionFilter {
  expertId: string | null;
  organizationId: string | null;
  from: string | null;
  to: string | null;
  status: string | null;
  limit: number;
}

/** The SQL on `expert_session`. Writes take the caller's EntityManager. */
/** A session tomorrow (in Japan), with whom to remind of it. */
export type TomorrowRow = Row<'expert_session', 'id' | 'case_id' | 'mode' | 'location'> & {
  expert_user_id: Row<'expert_profile', 'user_id'>['user_id'];
  assignee_id: Row<'case', 'assignee_id'>['assignee_id'];
  starts: string;
  organization_name: Row<'organization', 'name'>['name'];
};

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Scheduled sessions starting today (Tokyo) on cases assigned to the principal. */
  async countTodayOnAssignedCases(principal: Principal): Promise<number> {
    const params: unknown[] = [principal.userId];
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n
         FROM expert_session s JOIN "case" c ON c.id = s.case_id
         JOIN expert_profile p ON p.id = s.expert_id
        WHERE s.status = 'scheduled' AND c.assignee_id = $1
          AND lower(s.scheduled) >= date_trunc('day', now() AT TIME ZONE 'Asia/Tokyo') AT TIME ZONE 'Asia/Tokyo'
          AND lower(s.scheduled) < (date_trunc('day', now() AT TIME ZONE 'Asia/Tokyo') + interval '1 day') AT TIME ZONE 'Asia/Tokyo'
          AND ${sessionScope(principal, params)}`,
      params,
    );
    return row?.n ?? 0;
  }

  /** The EXCLUDE constraint on the expert's calendar may refuse it (23P01). */
  async insert(db: EntityManager, s: NewSession): Promise<string> {
    const [row] = await db.query<Row<'expert_session', 'id'>[]>(
      `INSERT INTO expert_session (case_id, organization_id, expert_id, kind, scheduled, mode, location,
             kind_override_reason, booked_by)
           VALUES ($1, $2, $3, $4, tstzrange($5, $6, '[)'), $7, $8, $9, $10) RETURNING id`,
      [
        s.caseId,
        s.organizationId,
        s.expertId,
        s.kind,
        s.start,
        s.end,
        s.mode,
        s.location,
        s.kindOverrideReason,
        s.bookedBy,
      ],
    );
    return row!.id;
  }

  listOfCase(caseId: string, principal: Principal): Promise<SessionRow[]> {
    const params: unknown[] = [caseId];
    const scope = sessionScope(principal, params);
    return this.dataSource.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM}
        WHERE s.case_id = $1 AND ${scope} ORDER BY lower(s.scheduled), s.id`,
      params,
    );
  }

  list(filter: SessionFilter, principal: Principal): Promise<SessionRow[]> {
    const params: unknown[] = [
      filter.expertId,
      filter.organizationId,
      filter.from,
      filter.to,
      filter.status,
      filter.limit,
    ];
    const scope = sessionScope(principal, params);
    return this.dataSource.query<SessionRow[]>(
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
  }

  async findScoped(
    db: EntityManager,
    id: string,
    principal: Principal,
  ): Promise<SessionRow | null> {
    const params: unknown[] = [id];
    const scope = sessionScope(principal, params);
    const [row] = await db.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.id = $1 AND ${scope}`,
      params,
    );
    return row ?? null;
  }

  async load(id: string): Promise<SessionRow | null> {
    const [row] = await this.dataSource.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Still scheduled and at this version, or false; the EXCLUDE constraint may refuse it. */
  async reschedule(
    db: EntityManager,
    id: string,
    version: number,
    start: Date,
    end: Date,
  ): Promise<boolean> {
    const [rows] = await db.query<[Row<'expert_session', 'id'>[], number]>(
      `UPDATE expert_session SET scheduled = tstzrange($2, $3, '[)'), version = version + 1,
             updated_at = now()
           WHERE id = $1 AND status = 'scheduled' AND version = $4 RETURNING id`,
      [id, start, end, version],
    );
    return rows.length > 0;
  }

  /** Out of `scheduled` in one conditional UPDATE; false when it was not (or not yet) possible. */
  async close(db: EntityManager, id: string, c: SessionClosing): Promise<boolean> {
    const [rows] = await db.query<[Row<'expert_session', 'id'>[], number]>(
      `UPDATE expert_session SET status = $2,
           findings = $3, recommendations = $4, next_steps = $5, minutes_spent = $6, honorarium_yen = $7,
           cancel_reason = $8, closed_by = $9, closed_at = now(), version = version + 1, updated_at = now()
         WHERE id = $1 AND status = 'scheduled' AND (NOT $10::boolean OR lower(scheduled) <= now())
         RETURNING id`,
      [
        id,
        c.status,
        c.findings,
        c.recommendations,
        c.nextSteps,
        c.minutesSpent,
        c.honorariumYen,
        c.cancelReason,
        c.closedBy,
        c.needsStarted,
      ],
    );
    return rows.length > 0;
  }

  async state(
    db: EntityManager,
    id: string,
  ): Promise<(Row<'expert_session', 'status'> & { started: boolean }) | null> {
    const [row] = await db.query<(Row<'expert_session', 'status'> & { started: boolean })[]>(
      `SELECT status, lower(scheduled) <= now() AS started FROM expert_session WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The scheduled sessions of tomorrow in Japan, by the database's clock. */
  tomorrow(db: EntityManager): Promise<TomorrowRow[]> {
    return db.query<TomorrowRow[]>(
      `SELECT s.id, s.case_id, p.user_id AS expert_user_id, c.assignee_id, s.mode, s.location,
                to_char(lower(s.scheduled) AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI') AS starts,
                o.name AS organization_name
           FROM expert_session s
           JOIN expert_profile p ON p.id = s.expert_id
           JOIN "case" c ON c.id = s.case_id
           JOIN organization o ON o.id = s.organization_id
          WHERE s.status = 'scheduled'
            AND (lower(s.scheduled) AT TIME ZONE 'Asia/Tokyo')::date
                = (now() AT TIME ZONE 'Asia/Tokyo')::date + 1`,
    );
  }
}
