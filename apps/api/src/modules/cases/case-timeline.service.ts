import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

/** Every kind the timeline holds; the migrations' CHECK constraint lists the same. */
export type CaseEventKind =
  | 'created'
  | 'note'
  | 'call'
  | 'email_in'
  | 'email_out'
  | 'status_changed'
  | 'assigned'
  | 'transferred'
  | 'referral'
  | 'edited'
  | 'session_booked'
  | 'session_completed'
  | 'session_cancelled'
  | 'session_no_show'
  | 'transfer_accepted'
  | 'transfer_bounced'
  | 'follow_up_scheduled'
  | 'follow_up_rescheduled'
  | 'follow_up_completed'
  | 'follow_up_cancelled'
  | 'sla_breached'
  | 'first_response'
  | 'telework_status_changed'
  | 'session_rescheduled'
  | 'transfer_withdrawn';

export interface NewCaseEvent {
  caseId: string;
  kind: CaseEventKind;
  /** null for what the system did on its own (SLA breaches). */
  actorId: string | null;
  body?: string;
  data?: Record<string, unknown>;
  /** Defaults to now; demo data and imports back-date. */
  at?: Date;
}

/**
 * Appends events given as parallel arrays (case ids, kinds, actor ids, times or null for now,
 * bodies, JSON data), in their order. Exported for the benchmark's bare baseline.
 */
export const APPEND_CASE_EVENTS_SQL = `INSERT INTO case_event (case_id, kind, actor_id, at, body, data)
       SELECT e.case_id, e.kind, e.actor_id, coalesce(e.at, now()), e.body, e.data
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[], $5::text[], $6::jsonb[])
              WITH ORDINALITY AS e(case_id, kind, actor_id, at, body, data, i)
        ORDER BY e.i
       RETURNING id`;

/**
 * The one writer of `case_event`. The timeline is append-only; every module that records
 * something on a case comes here, inside its own transaction (pass its EntityManager).
 */
@Injectable()
export class CaseTimelineService {
  async append(db: EntityManager, event: NewCaseEvent): Promise<string> {
    const [id] = await this.appendMany(db, [event]);
    return id!;
  }

  /** Several events in one statement, in the given order. */
  async appendMany(db: EntityManager, events: NewCaseEvent[]): Promise<string[]> {
    if (events.length === 0) {
      return [];
    }
    const rows = await db.query<Row<'case_event', 'id'>[]>(APPEND_CASE_EVENTS_SQL, [
      events.map((e) => e.caseId),
      events.map((e) => e.kind),
      events.map((e) => e.actorId),
      events.map((e) => e.at ?? null),
      events.map((e) => e.body ?? ''),
      events.map((e) => JSON.stringify(e.data ?? {})),
    ]);
    return rows.map((r) => r.id);
  }
}
