import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersRepository } from '../users/users.repository';
import { CaseTimelineService } from './case-timeline.service';
import { type Breached, CLOCKS, SlaBreachesRepository } from './sla-breaches.repository';

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
    private readonly breaches: SlaBreachesRepository,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsService,
    private readonly timeline: CaseTimelineService,
  ) {}

  /** Open cases past a first-response or resolution deadline, per clock, for the metrics. */
  async openBreaches(): Promise<{ clock: string; cases: number }[]> {
    const row = await this.breaches.openBreaches();
    return [
      { clock: 'first_response', cases: row.first_response },
      { clock: 'resolution', cases: row.resolution },
    ];
  }

  async run(): Promise<number> {
    let total = 0;
    for (const c of CLOCKS) {
      total += await this.dataSource.transaction(async (db) => {
        const breached = await this.breaches.markBreached(db, c);
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
    const managers = await this.users.managersOf(db, b.desk_id);
    await this.notifications.notify(db, {
      userIds: [...(b.assignee_id ? [b.assignee_id] : []), ...managers],
      kind: 'sla_breach',
      caseId: b.id,
      title: `${title}: ${b.number}`,
      body: b.subject,
      dedupeKey: `sla:${clock}:${b.id}`,
    });
  }
}
