import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import type { Row } from '../../database/rows';
import { caseScope } from '../cases/case-scope';
import { sessionScope } from '../sessions/session-scope';

export type SurveyRow = Row<
  'satisfaction_survey',
  | 'id'
  | 'session_id'
  | 'case_id'
  | 'contact_id'
  | 'invited_at'
  | 'reminded_at'
  | 'expires_at'
  | 'answered_at'
  | 'overall'
  | 'usefulness'
  | 'telework_intent'
  | 'comment'
  | 'resent_at'
>;

/** A survey with what staff need beside it: the contact's opt-out, read-only from contact. */
export type StaffSurveyRow = SurveyRow & { contact_opted_out: boolean };

export interface UnansweredRow {
  id: string;
  session_id: string;
  case_id: string;
  case_number: string;
  desk_id: string;
  organization_name: string;
  expert_id: string;
  expert_name: string;
  kind: string;
  fiscal_year: number;
  session_start: Date;
  invited_at: Date;
  reminded_at: Date | null;
  resent_at: Date | null;
  expires_at: Date;
  contact_opted_out: boolean;
}

export interface UnansweredFilters {
  deskId?: string;
  expertId?: string;
  fiscalYear?: number;
}

export interface ResendTarget {
  id: string;
  case_id: string;
  token_sealed: string;
  answered_at: Date | null;
  expires_at: Date;
  email: string | null;
  reachable: boolean;
  opted_out: boolean;
}

// A contact who opted out of surveys (or declined to be contacted at all) gets none.
const SURVEYABLE = 'ct.contact_consent AND ct.survey_opt_out_at IS NULL';

export interface DueSession {
  session_id: string;
  case_id: string;
  contact_id: string;
  email: string;
}

export interface SurveyAnswer {
  overall: number;
  usefulness: number;
  teleworkIntent: string | null;
  comment: string | null;
}

/**
 * The only SQL on satisfaction_survey. It reads expert_session, "case" and contact read-only, to
 * find the sessions whose survey is due (as reports read across the modules).
 */
@Injectable()
export class SurveysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Completed sessions past the delay, with no survey yet, whose contact has an email address and
   * agreed to be contacted (contact_consent is the opt-out). Locked, so two instances never
   * invite twice; sessions completed more than 30 days ago are not surveyed late.
   */
  dueSessions(db: EntityManager, delayHours: number, limit: number): Promise<DueSession[]> {
    return db.query<DueSession[]>(
      `SELECT s.id AS session_id, s.case_id, ct.id AS contact_id, ct.email
         FROM expert_session s
         JOIN "case" c ON c.id = s.case_id
         JOIN contact ct ON ct.id = c.contact_id
        WHERE s.status = 'completed'
          AND s.closed_at <= now() - make_interval(hours => $1)
          AND s.closed_at > now() - interval '30 days'
          AND ct.email IS NOT NULL AND ${SURVEYABLE} AND ct.active
          AND NOT EXISTS (SELECT 1 FROM satisfaction_survey v WHERE v.session_id = s.id)
        ORDER BY s.closed_at LIMIT $2
        FOR UPDATE OF s SKIP LOCKED`,
      [delayHours, limit],
    );
  }

  async insert(
    db: EntityManager,
    due: DueSession,
    token: { sha256: string; sealed: string },
  ): Promise<string | null> {
    const [row] = await db.query<{ id: string }[]>(
      `INSERT INTO satisfaction_survey (session_id, case_id, contact_id, token_sha256, token_sealed, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + interval '30 days')
       ON CONFLICT (session_id) DO NOTHING RETURNING id`,
      [due.session_id, due.case_id, due.contact_id, token.sha256, token.sealed],
    );
    return row?.id ?? null;
  }

  /** Unanswered surveys invited 7 days ago or more, not yet reminded, still open; locked. */
  dueReminders(
    db: EntityManager,
    limit: number,
  ): Promise<{ id: string; case_id: string; token_sealed: string; email: string }[]> {
    return db.query(
      `SELECT v.id, v.case_id, v.token_sealed, ct.email
         FROM satisfaction_survey v JOIN contact ct ON ct.id = v.contact_id
        WHERE v.answered_at IS NULL AND v.reminded_at IS NULL
          AND v.invited_at <= now() - interval '7 days' AND v.expires_at > now()
          AND ct.email IS NOT NULL AND ${SURVEYABLE}
        ORDER BY v.invited_at LIMIT $1
        FOR UPDATE OF v SKIP LOCKED`,
      [limit],
    );
  }

  async markReminded(db: EntityManager, id: string): Promise<void> {
    await db.query(`UPDATE satisfaction_survey SET reminded_at = now() WHERE id = $1`, [id]);
  }

  async byToken(sha256: string): Promise<SurveyRow | null> {
    const [row] = await this.dataSource.query<SurveyRow[]>(
      `SELECT * FROM satisfaction_survey WHERE token_sha256 = $1`,
      [sha256],
    );
    return row ?? null;
  }

  /** Stores the answer once, while open: false when it was answered or has expired meanwhile. */
  async answer(id: string, answer: SurveyAnswer): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE satisfaction_survey SET answered_at = now(), overall = $2, usefulness = $3,
              telework_intent = $4, comment = $5
        WHERE id = $1 AND answered_at IS NULL AND expires_at > now() RETURNING id`,
      [id, answer.overall, answer.usefulness, answer.teleworkIntent, answer.comment],
    );
    return rows.length === 1;
  }

  /** The surveys of the sessions the principal may see: one session's, or a whole case's. */
  visible(
    principal: Principal,
    where: { sessionId: string } | { caseId: string },
  ): Promise<StaffSurveyRow[]> {
    const params: unknown[] = [];
    const scope = sessionScope(principal, params);
    params.push('sessionId' in where ? where.sessionId : where.caseId);
    return this.dataSource.query<StaffSurveyRow[]>(
      `SELECT v.*, (ct.survey_opt_out_at IS NOT NULL) AS contact_opted_out
         FROM satisfaction_survey v
         JOIN expert_session s ON s.id = v.session_id
         JOIN expert_profile p ON p.id = s.expert_id
         JOIN "case" c ON c.id = s.case_id
         JOIN contact ct ON ct.id = v.contact_id
        WHERE ${scope} AND ${'sessionId' in where ? 'v.session_id' : 'v.case_id'} = $${params.length}
        ORDER BY lower(s.scheduled)`,
      params,
    );
  }

  /** Sent and not answered, in the principal's case scope, newest invitation first. */
  unanswered(
    principal: Principal,
    filters: UnansweredFilters,
    limit: number,
  ): Promise<UnansweredRow[]> {
    const params: unknown[] = [];
    const conditions = ['v.answered_at IS NULL', caseScope(principal, params)];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      conditions.push(`${sql} = $${params.length}`);
    };
    if (filters.deskId) {
      add('c.desk_id', filters.deskId);
    }
    if (filters.expertId) {
      add('s.expert_id', filters.expertId);
    }
    if (filters.fiscalYear !== undefined) {
      add('s.fiscal_year', filters.fiscalYear);
    }
    params.push(limit);
    return this.dataSource.query<UnansweredRow[]>(
      `SELECT v.id, v.session_id, v.case_id, c.number AS case_number, c.desk_id,
              o.name AS organization_name, s.expert_id, u.display_name AS expert_name, s.kind,
              s.fiscal_year, lower(s.scheduled) AS session_start, v.invited_at, v.reminded_at,
              v.resent_at, v.expires_at, (ct.survey_opt_out_at IS NOT NULL) AS contact_opted_out
         FROM satisfaction_survey v
         JOIN expert_session s ON s.id = v.session_id
         JOIN expert_profile p ON p.id = s.expert_id
         JOIN app_user u ON u.id = p.user_id
         JOIN "case" c ON c.id = v.case_id
         JOIN organization o ON o.id = c.organization_id
         JOIN contact ct ON ct.id = v.contact_id
        WHERE ${conditions.join(' AND ')}
        ORDER BY v.invited_at DESC, v.id LIMIT $${params.length}`,
      params,
    );
  }

  /** The survey to resend, locked, if the principal may see its case; with its contact now. */
  async forResend(
    db: EntityManager,
    principal: Principal,
    id: string,
  ): Promise<ResendTarget | null> {
    const params: unknown[] = [id];
    const scope = caseScope(principal, params);
    const [row] = await db.query<ResendTarget[]>(
      `SELECT v.id, v.case_id, v.token_sealed, v.answered_at, v.expires_at, ct.email,
              (ct.email IS NOT NULL AND ct.active) AS reachable,
              NOT (${SURVEYABLE}) AS opted_out
         FROM satisfaction_survey v
         JOIN "case" c ON c.id = v.case_id
         JOIN contact ct ON ct.id = v.contact_id
        WHERE v.id = $1 AND ${scope}
        FOR UPDATE OF v`,
      params,
    );
    return row ?? null;
  }

  async markResent(db: EntityManager, id: string): Promise<Date> {
    const [[row]] = await db.query<[{ resent_at: Date }[], number]>(
      `UPDATE satisfaction_survey SET resent_at = now() WHERE id = $1 RETURNING resent_at`,
      [id],
    );
    return row!.resent_at;
  }
}
