import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import { AuditRepository, type NewAuditEvent } from './audit.repository';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  changes?: Record<string, { from: unknown; to: unknown }> | null;
  meta?: Record<string, unknown> | null;
  /** For events before sign-in completes (failed logins): who it was about. */
  actorEmail?: string;
}

/** Fields whose values never enter the audit trail, only the fact that they changed. */
const SECRET_FIELDS = new Set(['passwordHash', 'totpSecret', 'tokenHash']);

/** The changed fields between two versions of a record, secrets masked. */
export function diff<T extends object>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const from = before[key];
    const to = after[key];
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) {
      changes[key] = SECRET_FIELDS.has(key) ? { from: '[secret]', to: '[secret]' } : { from, to };
    }
  }
  return changes;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: AuditRepository,
  ) {}

  /**
   * Appends one event. Pass the transaction's manager so the event commits (or not)
   * together with the change it describes.
   */
  async record(
    actor: ActorContext,
    event: AuditRecord,
    db: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await this.events.insert(db, newEvent(actor, event));
  }

  /**
   * The rows recordAll would append, for a repository that writes them in the same statement as
   * the change they describe (auditEventsJson; intake).
   */
  entries(actor: ActorContext, events: AuditRecord[]): NewAuditEvent[] {
    return events.map((event) => newEvent(actor, event));
  }

  /**
   * Appends several events of one actor in one statement, in the order given: the same rows as
   * recording each in turn, for a request that writes several records.
   */
  async recordAll(actor: ActorContext, events: AuditRecord[], db: EntityManager): Promise<void> {
    await this.events.insertMany(db, this.entries(actor, events));
  }
}

const newEvent = (actor: ActorContext, event: AuditRecord): NewAuditEvent => ({
  actorId: actor.principal?.userId ?? null,
  actorEmail: actor.principal?.email ?? event.actorEmail ?? null,
  action: event.action,
  entityType: event.entityType,
  entityId: event.entityId ?? null,
  ip: actor.ip,
  requestId: actor.requestId,
  changes: event.changes,
  meta: event.meta,
});
