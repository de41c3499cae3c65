import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { CaseTimelineService } from './case-timeline.service';

interface Breached {
  id: string;
  number: string;
  subject: string;
  desk_id: string;
  assignee_id: string | null;
  due_at: Date;
}

const CLOCKS = [
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

/**
 * Marks cases whose SLA clock ran out and tells their assignee and the desk's managers.
 * The conditional UPDATE is the claim: two instances running the scan at once each get
 * disjoint rows, so a breach is marked, written to the timeline and notified exactly once.
 */
@Injectable()
export class SlaBreachScanService {
  private readonly logger = new Logger(SlaBreachScanService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly timeline: CaseTimelineService,
  ) {}

  /** Open cases past a first-response or resolution deadline, per clock, for the metrics. */
  async openBreaches(): Promise<{ clock: string; cases: number }[]> {
    const [row] = await this.dataSource.query<{ first_response: number; resolution: number }[]>(
      `SELECT count(*) FILTER (WHERE first_response_breached_at IS NOT NULL)::int AS first_response,
              count(*) FILTER (WHERE resolution_breached_at IS NOT NULL)::int AS resolution
         FROM "case" WHERE status <> 'closed'
          AND (first_response_breached_at IS NOT NULL OR resolution_breached_at IS NOT NULL)`,
    );
    return [
      { clock: 'first_response', cases: row?.first_response ?? 0 },
      { clock: 'resolution', cases: row?.resolution ?? 0 },
    ];
  }

  async run(): Promise<number> {
    let total = 0;
    for (const c of CLOCKS) {
      total += await this.dataSource.transaction(async (db) => {
        // For UPDATE … RETURNING, TypeORM's pg driver answers [rows, affectedCount].
        const [breached] = await db.query<[Breached[], number]>(
          `UPDATE "case" c SET ${c.breachedColumn} = now()
            WHERE c.${c.breachedColumn} IS NULL AND c.${c.dueColumn} < now() AND ${c.extra}
              AND c.status NOT IN ('resolved', 'closed') AND c.sla_paused_since IS NULL
          RETURNING c.id, c.number, c.subject, c.desk_id, c.assignee_id, c.${c.dueColumn} AS due_at`,
        );
        for (const b of breached) {
          await this.record(db, b, c.clock, c.title);
        }
        return breached.length;
      });
    }
    if (total > 0) {
      this.logger.log(`${total} SLA breach(es) marked`);
    }
    return total;
  }

  private async record(
    db: EntityManager,
    b: Breached,
    clock: string,
    title: string,
  ): Promise<void> {
    await this.timeline.append(db, {
      caseId: b.id,
      kind: 'sla_breached',
      actorId: null,
      data: { clock, dueAt: b.due_at.toISOString() },
    });
    const managers = await db.query<{ id: string }[]>(
      `SELECT id FROM app_user WHERE active AND role = 'manager' AND (desk_id = $1 OR desk_id IS NULL)`,
      [b.desk_id],
    );
    await this.notifications.notify(db, {
      userIds: [...(b.assignee_id ? [b.assignee_id] : []), ...managers.map((m) => m.id)],
      kind: 'sla_breach',
      caseId: b.id,
      title: `${title}: ${b.number}`,
      body: b.subject,
      dedupeKey: `sla:${clock}:${b.id}`,
    });
  }
}
