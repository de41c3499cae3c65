import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseEventsRepository } from './case-events.repository';

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
 * The one writer of `case_event` (a new case's `created` event comes with the case, in
 * CasesRepository.insertNew). The timeline is append-only; every module that records
 * something on a case comes here, inside its own transaction (pass its EntityManager).
 */
@Injectable()
export class CaseTimelineService {
  constructor(private readonly events: CaseEventsRepository) {}

  async append(db: EntityManager, event: NewCaseEvent): Promise<string> {
    const [id] = await this.appendMany(db, [event]);
    return id!;
  }

  /** Several events in one statement, in the given order. */
  async appendMany(db: EntityManager, events: NewCaseEvent[]): Promise<string[]> {
    if (events.length === 0) {
      return [];
    }
    return this.events.append(db, {
      caseIds: events.map((e) => e.caseId),
      kinds: events.map((e) => e.kind),
      actorIds: events.map((e) => e.actorId),
      at: events.map((e) => e.at ?? null),
      bodies: events.map((e) => e.body ?? ''),
      data: events.map((e) => JSON.stringify(e.data ?? {})),
    });
  }
}
