import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

export type SurveyRow = Row<
  'satisfaction_survey',
  | 'id'
  | 'session_id'
  | 'case_id'
  | 'invited_at'
  | 'reminded_at'
  | 'expires_at'
  | 'answered_at'
  | 'overall'
  | 'usefulness'
  | 'telework_intent'
  | 'comment'
>;

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
          AND ct.email IS NOT NULL AND ct.contact_consent AND ct.active
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
          AND ct.email IS NOT NULL AND ct.contact_consent
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

  async forSession(sessionId: string): Promise<SurveyRow | null> {
    const [row] = await this.dataSource.query<SurveyRow[]>(
      `SELECT * FROM satisfaction_survey WHERE session_id = $1`,
      [sessionId],
    );
    return row ?? null;
  }
}
