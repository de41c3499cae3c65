import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one event. Pass the transaction's manager so the event commits (or not)
   * together with the change it describes.
   */
  async record(
    actor: ActorContext,
    event: AuditRecord,
    db: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await db.query(
      `INSERT INTO audit_event (actor_id, actor_email, action, entity_type, entity_id, ip, request_id, changes, meta)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        actor.principal?.userId ?? null,
        actor.principal?.email ?? event.actorEmail ?? null,
        event.action,
        event.entityType,
        event.entityId ?? null,
        actor.ip,
        actor.requestId,
        event.changes ? JSON.stringify(event.changes) : null,
        event.meta ? JSON.stringify(event.meta) : null,
      ],
    );
  }
}
