import type { CaseStatus } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import type { Row } from '../../database/rows';
import {
  auditEventsJson,
  insertAuditEventsFromJsonSql,
  type NewAuditEvent,
} from '../audit/audit.repository';
import { assigneeCondition, caseScope } from './case-scope';
import { preparedAll } from '../../database/prepared-statements';

/**
 * A case as the services read it: the stored row with its status narrowed to the state
 * machine's, the confirmation date as YYYY-MM-DD text and its topics folded in.
 */
export type CaseRow = Omit<Row<'case'>, 'status' | 'outcome_confirmed_on'> & {
  status: CaseStatus;
  outcome_confirmed_on: string | null;
  topics: string[];
};

/** A timeline entry with the name of whoever wrote it. */
export type CaseEventRow = Row<'case_event', 'id' | 'kind' | 'at' | 'actor_id' | 'body'> & {
  actor_name: Row<'app_user', 'display_name'>['display_name'] | null;
  data: Record<string, unknown>;
};

/** A case a mail refers to, in the mail module's words. */
export interface MailCaseRef {
  id: string;
  number: string;
  status: CaseStatus;
  closedAt: Date | null;
  version: number;
  deskId: string;
}

export type AssigneeRow = Row<'app_user', 'id' | 'role'> & {
  name: Row<'app_user', 'display_name'>['display_name'];
};

export const CASE_COLUMNS = `c.*, to_char(c.outcome_confirmed_on, 'YYYY-MM-DD') AS outcome_confirmed_on,
  ARRAY(SELECT t.topic_code FROM case_topic t WHERE t.case_id = c.id ORDER BY t.topic_code) AS topics`;

/**
 * The statements of intake and the case page, as text so that the benchmark's bare baseline
 * (apps/api/bench/baseline-server.ts) runs exactly these and cannot drift from them.
 */
export const CASE_SQL = preparedAll({
  /**
   * With the id the resource will have: it is written in the same transaction or not at all, so
   * the key needs no second statement to point at it.
   */
  claimIdempotencyKey: `INSERT INTO idempotency_key (user_id, key, request_hash, resource_id)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
  findIdempotencyKey: `SELECT request_hash, resource_id FROM idempotency_key WHERE user_id = $1 AND key = $2`,
  nextNumber: `INSERT INTO case_number_sequence (fiscal_year, last_value) VALUES ($1, 1)
       ON CONFLICT (fiscal_year) DO UPDATE SET last_value = case_number_sequence.last_value + 1
       RETURNING last_value`,
  /**
   * nextNumber as a transaction of its own that commits without waiting for the WAL to reach the
   * disk (issue #17): every intake updates this one row, and each waited for the one before it to
   * flush, ~1.2 ms at 32 connections. Nothing is lost: the case that carries the number commits
   * later with a flush that covers this record too (the WAL is one sequence); should the server
   * crash first, no stored case has the number and it may be handed out again. `set_config(…,
   * true)` ends with the statement's transaction, so the connection goes back to the pool as it was.
   */
  nextNumberAlone: `INSERT INTO case_number_sequence (fiscal_year, last_value)
       SELECT $1, 1 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
       ON CONFLICT (fiscal_year) DO UPDATE SET last_value = case_number_sequence.last_value + 1
       RETURNING last_value`,
  /**
   * A new case, its topics and its `created` event in one statement (issue #17: each statement
   * an intake sends costs a round trip, ~0.1 ms of the API's CPU in socket writes alone, and
   * PostgreSQL's per-statement work). $1–$15 the case (newCaseValues), $16 the topics, $17 the event's actor,
   * $18 its body, $19 its data, $20 the case's id (chosen by the caller, so that the audit rows in
   * $21, auditEventsJson, can name it: the trail is written by the same statement, always run
   * in full as a data-modifying WITH is). The case's BEFORE trigger reads the organization, written by an
   * earlier statement; the roll-ups' and the foreign keys' AFTER triggers see all three inserts.
   * The topics answered as `insertTopics` answers them.
   */
  insertNew: `WITH c AS (
         INSERT INTO "case" (number, organization_id, contact_id, desk_id, assignee_id, channel, status, subject,
           description, received_at, call_direction, call_duration_seconds, first_responded_at, created_by,
           first_response_due_at, resolution_due_at, id)
         VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, $11, $12, $13, $14, $15, $20)
         RETURNING *),
       a AS (${insertAuditEventsFromJsonSql('$21')}),
       t AS (
         INSERT INTO case_topic (case_id, topic_code) SELECT c.id, unnest($16::text[]) FROM c RETURNING topic_code),
       e AS (
         INSERT INTO case_event (case_id, kind, actor_id, at, body, data)
         SELECT c.id, 'created', $17, now(), $18, $19::jsonb FROM c RETURNING id)
       SELECT c.*, to_char(c.outcome_confirmed_on, 'YYYY-MM-DD') AS outcome_confirmed_on,
              ARRAY(SELECT topic_code FROM t ORDER BY topic_code) AS topics
         FROM c WHERE EXISTS (SELECT FROM e)`,
  // The topics answered in the order of CASE_COLUMNS', sorted by the database's collation.
  insertTopics: `WITH t AS (
         INSERT INTO case_topic (case_id, topic_code) SELECT $1, unnest($2::text[]) RETURNING topic_code)
       SELECT ARRAY(SELECT topic_code FROM t ORDER BY topic_code) AS topics`,
  load: `SELECT ${CASE_COLUMNS} FROM "case" c WHERE c.id = $1`,
  /** With the principal's scope (see caseScope) as its condition. */
  findScoped: (scope: string) =>
    `SELECT ${CASE_COLUMNS} FROM "case" c WHERE c.id = $1 AND ${scope}`,
  events: `SELECT e.id, e.kind, e.at, e.actor_id, u.display_name AS actor_name, e.body, e.data
         FROM case_event e LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE e.case_id = $1 AND ($2::bigint IS NULL OR e.id = $2::bigint)
        ORDER BY e.id`,
} as const);

/** $1–$15 of CASE_SQL.insertNew. */
const newCaseValues = (c: NewCase): unknown[] => [
  c.number,
  c.organizationId,
  c.contactId,
  c.deskId,
  c.assigneeId,
  c.channel,
  c.subject,
  c.description,
  c.receivedAt,
  c.callDirection,
  c.callDurationSeconds,
  c.firstRespondedAt,
  c.createdBy,
  c.firstResponseDueAt,
  c.resolutionDueAt,
];

export interface NewCase {
  id: string;
  number: string;
  organizationId: string;
  contactId: string | null;
  deskId: string;
  assigneeId: string | null;
  channel: string;
  subject: string;
  description: string;
  receivedAt: Date;
  callDirection: string | null;
  callDurationSeconds: number | null;
  firstRespondedAt: Date | null;
  createdBy: string | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

export interface CaseEdit {
  subject: string | null;
  description: string | null;
  assigneeId?: string | null;
  contactId?: string | null;
  callDurationSeconds?: number | null;
  callDirection?: string | null;
}

export interface CaseTransition {
  to: CaseStatus;
  from: CaseStatus;
  closing: boolean;
  /** Reopening (and not closing again): the outcome is cleared. */
  clearOutcome: boolean;
  outcome: string | null;
  outcomeConfirmedOn: string | null;
  notAdoptedReason: string | null;
}

/**
 * SQL on `"case"`, `case_topic`, `case_number_sequence` and `idempotency_key` for intake and the
 * case page (lists, transfers, referrals and saved views keep theirs beside their services).
 * Every write takes the caller's EntityManager.
 */
@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims the key for this request and the resource it is about to create; false when it was
   * used before.
   */
  async claimIdempotencyKey(
    db: EntityManager,
    userId: string,
    key: string,
    requestHash: string,
    resourceId: string,
  ): Promise<boolean> {
    const claimed = await db.query<Row<'idempotency_key', 'key'>[]>(CASE_SQL.claimIdempotencyKey, [
      userId,
      key,
      requestHash,
      resourceId,
    ]);
    return claimed.length > 0;
  }

  async findIdempotencyKey(
    db: EntityManager,
    userId: string,
    key: string,
  ): Promise<Row<'idempotency_key', 'request_hash' | 'resource_id'> | null> {
    const [row] = await db.query<Row<'idempotency_key', 'request_hash' | 'resource_id'>[]>(
      CASE_SQL.findIdempotencyKey,
      [userId, key],
    );
    return row ?? null;
  }

  /**
   * The fiscal year's next sequence value: in the caller's transaction when `db` is in one,
   * otherwise in a transaction of its own (CASE_SQL.nextNumberAlone).
   */
  async nextNumber(
    fiscalYear: number,
    db: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const alone = !db.queryRunner?.isTransactionActive;
    const [row] = await db.query<Row<'case_number_sequence', 'last_value'>[]>(
      alone ? CASE_SQL.nextNumberAlone : CASE_SQL.nextNumber,
      [fiscalYear],
    );
    return row!.last_value;
  }

  async organizationIdOf(db: EntityManager, id: string): Promise<string | null> {
    const [row] = await db.query<Row<'case', 'organization_id'>[]>(
      `SELECT organization_id FROM "case" WHERE id = $1`,
      [id],
    );
    return row?.organization_id ?? null;
  }

  async versionOf(id: string): Promise<number | null> {
    const [row] = await this.dataSource.query<Row<'case', 'version'>[]>(
      `SELECT version FROM "case" WHERE id = $1`,
      [id],
    );
    return row?.version ?? null;
  }

  async statusOf(db: EntityManager, id: string): Promise<CaseStatus | null> {
    const [row] = await db.query<{ status: CaseStatus }[]>(
      `SELECT status FROM "case" WHERE id = $1`,
      [id],
    );
    return row?.status ?? null;
  }

  /** A move the system makes (no version from a client): only from the status it saw. */
  async moveStatus(
    db: EntityManager,
    id: string,
    from: CaseStatus,
    to: CaseStatus,
  ): Promise<boolean> {
    const [rows] = await db.query<[Row<'case', 'id'>[], number]>(
      `UPDATE "case" SET status = $3, version = version + 1, updated_at = now()
        WHERE id = $1 AND status = $2 RETURNING id`,
      [id, from, to],
    );
    return rows.length > 0;
  }

  async numberOf(db: EntityManager, id: string): Promise<string | null> {
    const [row] = await db.query<Row<'case', 'number'>[]>(
      `SELECT number FROM "case" WHERE id = $1`,
      [id],
    );
    return row?.number ?? null;
  }

  /** The stored case, as load() reads it but for its topics (insertTopics answers them). */
  /** A new case with its topics and its `created` timeline event (CASE_SQL.insertNew). */
  async insertNew(
    db: EntityManager,
    c: NewCase,
    topics: string[],
    created: { actorId: string | null; body: string; data: Record<string, unknown> },
    audit: NewAuditEvent[],
  ): Promise<CaseRow> {
    const [row] = await db.query<CaseRow[]>(CASE_SQL.insertNew, [
      ...newCaseValues(c),
      topics,
      created.actorId,
      created.body,
      JSON.stringify(created.data),
      c.id,
      auditEventsJson(audit),
    ]);
    return row!;
  }

  /**
   * The topics written, sorted as CASE_COLUMNS reads them: all of the case's when it had none
   * (a new case; replaceTopics).
   */
  async insertTopics(db: EntityManager, caseId: string, topics: string[]): Promise<string[]> {
    const [inserted] = await db.query<{ topics: string[] }[]>(CASE_SQL.insertTopics, [
      caseId,
      topics,
    ]);
    return inserted!.topics;
  }

  async replaceTopics(db: EntityManager, caseId: string, topics: string[]): Promise<void> {
    await db.query(`DELETE FROM case_topic WHERE case_id = $1`, [caseId]);
    await this.insertTopics(db, caseId, topics);
  }

  async findForMail(
    db: EntityManager,
    by: { number: string } | { id: string },
  ): Promise<MailCaseRef | null> {
    const [row] = await db.query<MailCaseRef[]>(
      `SELECT id, number, status, closed_at AS "closedAt", version, desk_id AS "deskId"
         FROM "case" WHERE ${'number' in by ? 'number' : 'id'} = $1`,
      ['number' in by ? by.number : by.id],
    );
    return row ?? null;
  }

  /** The first response stops its SLA clock; later ones change nothing. */
  async markFirstResponded(db: EntityManager, caseId: string): Promise<void> {
    await db.query(
      `UPDATE "case" SET first_responded_at = now(), updated_at = now()
        WHERE id = $1 AND first_responded_at IS NULL`,
      [caseId],
    );
  }

  /** The version check is part of the UPDATE; false when someone else changed the case first. */
  async update(db: EntityManager, id: string, version: number, edit: CaseEdit): Promise<boolean> {
    const [rows] = await db.query<[Row<'case', 'version'>[], number]>(
      `UPDATE "case" SET
           subject = coalesce($3, subject),
           description = coalesce($4, description),
           assignee_id = CASE WHEN $5::boolean THEN $6::uuid ELSE assignee_id END,
           contact_id = CASE WHEN $7::boolean THEN $8::uuid ELSE contact_id END,
           call_duration_seconds = CASE WHEN $9::boolean THEN $10::int ELSE call_duration_seconds END,
           call_direction = CASE WHEN $11::boolean THEN $12::text ELSE call_direction END,
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version`,
      [
        id,
        version,
        edit.subject,
        edit.description,
        edit.assigneeId !== undefined,
        edit.assigneeId ?? null,
        edit.contactId !== undefined,
        edit.contactId ?? null,
        edit.callDurationSeconds !== undefined,
        edit.callDurationSeconds ?? null,
        edit.callDirection !== undefined,
        edit.callDirection ?? null,
      ],
    );
    return rows.length > 0;
  }

  /** Guarded by version and status; false when either moved on. */
  async transition(
    db: EntityManager,
    id: string,
    version: number,
    t: CaseTransition,
  ): Promise<boolean> {
    const [rows] = await db.query<[Row<'case', 'id'>[], number]>(
      `UPDATE "case" SET status = $3,
           outcome = CASE WHEN $4::boolean THEN $5 WHEN $6::boolean THEN NULL ELSE outcome END,
           outcome_confirmed_on = CASE WHEN $4::boolean THEN $7::date WHEN $6::boolean THEN NULL ELSE outcome_confirmed_on END,
           not_adopted_reason = CASE WHEN $4::boolean THEN $8 WHEN $6::boolean THEN NULL ELSE not_adopted_reason END,
           closed_at = CASE WHEN $4::boolean THEN now() WHEN $6::boolean THEN NULL ELSE closed_at END,
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 AND status = $9 RETURNING id`,
      [
        id,
        version,
        t.to,
        t.closing,
        t.outcome,
        t.clearOutcome,
        t.outcomeConfirmedOn,
        t.notAdoptedReason,
        t.from,
      ],
    );
    return rows.length > 0;
  }

  async pauseSla(db: EntityManager, id: string): Promise<void> {
    await db.query(`UPDATE "case" SET sla_paused_since = now() WHERE id = $1`, [id]);
  }

  async resumeSla(
    db: EntityManager,
    id: string,
    firstResponseDueAt: Date | null,
    resolutionDueAt: Date | null,
  ): Promise<void> {
    await db.query(
      `UPDATE "case" SET sla_paused_since = NULL, first_response_due_at = $2, resolution_due_at = $3 WHERE id = $1`,
      [id, firstResponseDueAt, resolutionDueAt],
    );
  }

  /** The case if it is in the principal's scope. */
  async findScoped(db: EntityManager, id: string, principal: Principal): Promise<CaseRow | null> {
    const params: unknown[] = [id];
    const scope = caseScope(principal, params);
    const [row] = await db.query<CaseRow[]>(CASE_SQL.findScoped(scope), params);
    return row ?? null;
  }

  /** The case whoever asks, for callers that checked the scope already. */
  async load(id: string): Promise<CaseRow | null> {
    const [row] = await this.dataSource.query<CaseRow[]>(CASE_SQL.load, [id]);
    return row ?? null;
  }

  async organizationHasCaseOnDesk(
    db: EntityManager,
    organizationId: string,
    deskId: string,
  ): Promise<boolean> {
    const [row] = await db.query<{ yes: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM "case" WHERE organization_id = $1 AND desk_id = $2) AS yes`,
      [organizationId, deskId],
    );
    return row?.yes ?? false;
  }

  async events(db: EntityManager, caseId: string, onlyId?: string): Promise<CaseEventRow[]> {
    return db.query<CaseEventRow[]>(CASE_SQL.events, [caseId, onlyId ?? null]);
  }

  /** How many cases moved. */
  async moveToOrganization(
    db: EntityManager,
    fromOrganizationId: string,
    toOrganizationId: string,
  ): Promise<number> {
    const [, moved] = await db.query<[unknown, number]>(
      `UPDATE "case" SET organization_id = $2 WHERE organization_id = $1`,
      [fromOrganizationId, toOrganizationId],
    );
    return moved;
  }

  async countForOrganization(organizationId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "case" WHERE organization_id = $1`,
      [organizationId],
    );
    return row?.n ?? 0;
  }

  /** Active users who may work a case of this desk, plus `currentAssigneeId` whatever they are. */
  assignees(deskId: string, currentAssigneeId: string | null): Promise<AssigneeRow[]> {
    const params: unknown[] = [currentAssigneeId];
    return this.dataSource.query<AssigneeRow[]>(
      `SELECT u.id, u.display_name AS name, u.role FROM app_user u
        WHERE (u.active AND ${assigneeCondition(params, deskId)}) OR u.id = $1::uuid
        ORDER BY u.display_name, u.id`,
      params,
    );
  }

  async isAssignable(db: EntityManager, userId: string, caseDeskId: string): Promise<boolean> {
    const params: unknown[] = [userId];
    const rows = await db.query<Row<'app_user', 'id'>[]>(
      `SELECT u.id FROM app_user u
        WHERE u.id = $1 AND u.active AND ${assigneeCondition(params, caseDeskId)}`,
      params,
    );
    return rows.length > 0;
  }
}
