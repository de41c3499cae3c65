import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';
import { prepared } from '../../database/prepared-statements';

export type AuditEventRow = Omit<Row<'audit_event'>, 'changes' | 'meta'> & {
  changes: Record<string, { from: unknown; to: unknown }> | null;
  meta: Record<string, unknown> | null;
};

const AUDIT_EVENT_COLUMNS = [
  'actor_id',
  'actor_email',
  'action',
  'entity_type',
  'entity_id',
  'ip',
  'request_id',
  'changes',
  'meta',
] as const;

const JSON_COLUMNS = new Set<string>(['changes', 'meta']);

/**
 * The statement that writes `rows` events of the trail, each with the parameters of
 * auditEventValues().
 */
export const insertAuditEventsSql = (rows: number): string => {
  const width = AUDIT_EVENT_COLUMNS.length;
  const row = (i: number) =>
    `(${AUDIT_EVENT_COLUMNS.map((_, j) => `$${i * width + j + 1}`).join(', ')})`;
  return `INSERT INTO audit_event (${AUDIT_EVENT_COLUMNS.join(', ')})
       VALUES ${Array.from({ length: rows }, (_, i) => row(i)).join(', ')}`;
};

/**
 * An INSERT of the events in the jsonb array parameter `param` (auditEventsJson), in their order:
 * for a statement that writes a change and its trail at once (intake's CASE_SQL.insertNew, where
 * it saves a round trip per intake; issue #17).
 */
export const insertAuditEventsFromJsonSql = (param: string): string =>
  `INSERT INTO audit_event (${AUDIT_EVENT_COLUMNS.join(', ')})
     SELECT ${AUDIT_EVENT_COLUMNS.map((c) => `r.${c}`).join(', ')}
       FROM ROWS FROM (jsonb_to_recordset(${param}::jsonb) AS (actor_id uuid, actor_email text,
              action text, entity_type text, entity_id text, ip inet, request_id text,
              changes jsonb, meta jsonb))
            WITH ORDINALITY AS r(${AUDIT_EVENT_COLUMNS.join(', ')}, n)
      ORDER BY r.n`;

/** The parameter of insertAuditEventsFromJsonSql. */
export const auditEventsJson = (events: NewAuditEvent[]): string =>
  JSON.stringify(
    events.map((e) => {
      const v = jsonValues(e);
      return Object.fromEntries(AUDIT_EVENT_COLUMNS.map((c, i) => [c, v[i]]));
    }),
  );

/**
 * The statement that writes one event, as text so that the benchmark's bare baseline
 * (apps/api/bench/baseline-server.ts) runs exactly it.
 */
export const INSERT_AUDIT_EVENT_SQL = prepared(insertAuditEventsSql(1));

// In AUDIT_EVENT_COLUMNS' order, changes and meta as they are.
const jsonValues = (e: NewAuditEvent): unknown[] => [
  e.actorId,
  e.actorEmail,
  e.action,
  e.entityType,
  e.entityId,
  e.ip,
  e.requestId,
  e.changes ?? null,
  e.meta ?? null,
];

/** The parameters of one row of insertAuditEventsSql: changes and meta as JSON text. */
export const auditEventValues = (e: NewAuditEvent): unknown[] =>
  jsonValues(e).map((v, i) =>
    v !== null && JSON_COLUMNS.has(AUDIT_EVENT_COLUMNS[i]!) ? JSON.stringify(v) : v,
  );

export interface NewAuditEvent {
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  requestId: string | null;
  changes: unknown;
  meta: unknown;
}

export interface AuditFilter {
  /** Only what the staff of this desk did. */
  actorDeskId?: string;
  actorEmail?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  /** An exact action, or a prefix ending in `.`. */
  action?: string;
  from?: string;
  to?: string;
  /** Events older than this id. */
  before?: string;
}

/** The SQL on `audit_event`: append-only, so an insert and a newest-first page. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(db: EntityManager, e: NewAuditEvent): Promise<void> {
    await db.query(INSERT_AUDIT_EVENT_SQL, auditEventValues(e));
  }

  /**
   * Several events in one round trip. PostgreSQL inserts a VALUES list's rows in its order, so
   * their ids (the trail's order) follow the list as separate inserts' would.
   */
  async insertMany(db: EntityManager, events: NewAuditEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    await db.query(insertAuditEventsSql(events.length), events.flatMap(auditEventValues));
  }

  /** Newest first, at most `limit` events. */
  page(filter: AuditFilter, limit: number): Promise<AuditEventRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.actorDeskId) {
      add(
        (p) => `e.actor_id IN (SELECT u.id FROM app_user u WHERE u.desk_id = ${p})`,
        filter.actorDeskId,
      );
    }
    if (filter.actorEmail) {
      // Through the account, so the actor index answers; app_user is read, never written.
      add(
        (p) => `e.actor_id IN (SELECT u.id FROM app_user u WHERE lower(u.email) = lower(${p}))`,
        filter.actorEmail,
      );
    }
    if (filter.actorId) {
      add((p) => `e.actor_id = ${p}`, filter.actorId);
    }
    if (filter.entityType) {
      add((p) => `e.entity_type = ${p}`, filter.entityType);
    }
    if (filter.entityId) {
      add((p) => `e.entity_id = ${p}`, filter.entityId);
    }
    if (filter.action?.endsWith('.')) {
      // The DTO allows only [a-z_.], so the prefix carries no LIKE wildcard but `_`.
      add((p) => `e.action LIKE ${p} ESCAPE '\\'`, `${filter.action.replace(/_/g, '\\_')}%`);
    } else if (filter.action) {
      add((p) => `e.action = ${p}`, filter.action);
    }
    if (filter.from) {
      add((p) => `e.at >= ${p}`, filter.from);
    }
    if (filter.to) {
      add((p) => `e.at < ${p}`, filter.to);
    }
    if (filter.before) {
      add((p) => `e.id < ${p}`, filter.before);
    }
    params.push(limit);
    return this.dataSource.query<AuditEventRow[]>(
      `SELECT e.id, e.at, e.actor_id, e.actor_email, e.action, e.entity_type, e.entity_id, e.ip,
              e.request_id, e.changes, e.meta
         FROM audit_event e
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY e.id DESC LIMIT $${params.length}`,
      params,
    );
  }
}
