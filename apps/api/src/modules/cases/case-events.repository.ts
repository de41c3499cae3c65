import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

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
 * The SQL writing case_event (CaseTimelineService is its one caller), but for a new case's
 * `created` event, which CASE_SQL.insertNew writes in the same statement as the case.
 */
@Injectable()
export class CaseEventsRepository {
  /** Appends the events given as parallel arrays, in order; answers their ids. */
  async append(
    db: EntityManager,
    events: {
      caseIds: string[];
      kinds: string[];
      actorIds: (string | null)[];
      at: (Date | null)[];
      bodies: string[];
      data: string[];
    },
  ): Promise<string[]> {
    const rows = await db.query<Row<'case_event', 'id'>[]>(APPEND_CASE_EVENTS_SQL, [
      events.caseIds,
      events.kinds,
      events.actorIds,
      events.at,
      events.bodies,
      events.data,
    ]);
    return rows.map((r) => r.id);
  }
}
