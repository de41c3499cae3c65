import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

/** A case whose clock just ran out, as the breach scan reports it. */
export type Breached = Row<'case', 'id' | 'number' | 'subject' | 'desk_id' | 'assignee_id'> & {
  due_at: Date;
};

export const CLOCKS = [
  {
    clock: 'first_response',
    breachedColumn: 'first_response_breached_at',
    dueColumn: 'first_response_due_at',
    extra: 'c.first_responded_at IS NULL',
    title: '初回回答の期限を過ぎました',
  },
  {
    clock: 'resolution',
    breachedColumn: 'resolution_breached_at',
    dueColumn: 'resolution_due_at',
    extra: 'TRUE',
    title: '解決目標の期限を過ぎました',
  },
] as const;

/** SLA breaches on "case": the scan's claim and the metrics' count. */
@Injectable()
export class SlaBreachesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open cases past a first-response or resolution deadline, per clock. */
  async openBreaches(): Promise<{ first_response: number; resolution: number }> {
    const [row] = await this.dataSource.query<{ first_response: number; resolution: number }[]>(
      `SELECT count(*) FILTER (WHERE first_response_breached_at IS NOT NULL)::int AS first_response,
              count(*) FILTER (WHERE resolution_breached_at IS NOT NULL)::int AS resolution
         FROM "case" WHERE status <> 'closed'
          AND (first_response_breached_at IS NOT NULL OR resolution_breached_at IS NOT NULL)`,
    );
    return { first_response: row?.first_response ?? 0, resolution: row?.resolution ?? 0 };
  }

  /**
   * Marks the cases whose clock ran out by the database's `now()` (the time every instance
   * shares); the conditional UPDATE is the claim, so concurrent scans get disjoint rows.
   */
  async markBreached(db: EntityManager, c: (typeof CLOCKS)[number]): Promise<Breached[]> {
    // For UPDATE … RETURNING, TypeORM's pg driver answers [rows, affectedCount].
    const [breached] = await db.query<[Breached[], number]>(
      `UPDATE "case" c SET ${c.breachedColumn} = now()
        WHERE c.${c.breachedColumn} IS NULL AND c.${c.dueColumn} < now() AND ${c.extra}
          AND c.status NOT IN ('resolved', 'closed') AND c.sla_paused_since IS NULL
      RETURNING c.id, c.number, c.subject, c.desk_id, c.assignee_id, c.${c.dueColumn} AS due_at`,
    );
    return breached;
  }
}
