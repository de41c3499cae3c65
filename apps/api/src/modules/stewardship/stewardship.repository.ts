import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RetentionDataClass } from '@madoguchi/domain';
import type { Row } from '../../database/rows';

export type PolicyRow = Row<'retention_policy', 'data_class' | 'fiscal_years' | 'updated_at'>;
export type RunRow = Row<
  'pseudonymization_run',
  | 'id'
  | 'dry_run'
  | 'trigger'
  | 'as_of'
  | 'started_at'
  | 'finished_at'
  | 'counts'
  | 'case_ids_sample'
  | 'reason'
  | 'error'
>;
export type HoldRow = Row<
  'legal_hold',
  | 'id'
  | 'case_id'
  | 'organization_id'
  | 'reason'
  | 'set_by'
  | 'set_at'
  | 'released_by'
  | 'released_at'
  | 'release_reason'
> & { set_by_name: string | null; released_by_name: string | null };

/** What the next run would touch, by class: ids to rewrite and the figures an admin reads. */
export interface Selection {
  caseIds: string[];
  mailCaseIds: string[];
  contactIds: string[];
}

/** A case is held when it or its organization has a hold in force. */
const NOT_HELD = `NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL
                    AND (h.case_id = c.id OR h.organization_id = c.organization_id))`;
const RUN_COLUMNS = `id, dry_run, trigger, as_of, started_at, finished_at, counts, case_ids_sample, reason, error`;
// Who placed and released a hold, by name: the console shows it beside the reason. (A subquery
// in RETURNING too, so that placing and releasing answer the same shape as the list.)
const HOLD_COLUMNS = `id, case_id, organization_id, reason, set_by, set_at, released_by, released_at, release_reason,
  (SELECT u.display_name FROM app_user u WHERE u.id = legal_hold.set_by) AS set_by_name,
  (SELECT u.display_name FROM app_user u WHERE u.id = legal_hold.released_by) AS released_by_name`;

/**
 * SQL of data stewardship: retention_policy, pseudonymization_run and legal_hold are this
 * module's; the rewriting of other modules' rows goes only through the owner's SECURITY DEFINER
 * functions of migration DataStewardship (see there why).
 */
@Injectable()
export class StewardshipRepository {
  async policies(db: EntityManager): Promise<PolicyRow[]> {
    return db.query<PolicyRow[]>(
      `SELECT data_class, fiscal_years, updated_at FROM retention_policy ORDER BY data_class`,
    );
  }

  /** The term before the change; null when the class is unknown. */
  async setPolicy(
    db: EntityManager,
    dataClass: RetentionDataClass,
    fiscalYears: number,
    userId: string | null,
  ): Promise<number | null> {
    const [before] = await db.query<{ fiscal_years: number }[]>(
      `SELECT fiscal_years FROM retention_policy WHERE data_class = $1 FOR UPDATE`,
      [dataClass],
    );
    if (!before) {
      return null;
    }
    await db.query(
      `UPDATE retention_policy SET fiscal_years = $2, updated_at = now(), updated_by = $3,
              version = version + 1
        WHERE data_class = $1`,
      [dataClass, fiscalYears, userId],
    );
    return before.fiscal_years;
  }

  /** Closed cases whose text is past its term, oldest first. */
  async casesPastTerm(db: EntityManager, cutoff: Date, limit: number): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT c.id FROM "case" c
        WHERE c.status = 'closed' AND c.closed_at < $1 AND c.pseudonymized_at IS NULL AND ${NOT_HELD}
        ORDER BY c.closed_at, c.id LIMIT $2`,
      [cutoff, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Closed cases past the mail term that still hold mail not yet emptied. */
  async mailCasesPastTerm(db: EntityManager, cutoff: Date, limit: number): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT c.id FROM "case" c
        WHERE c.status = 'closed' AND c.closed_at < $1 AND ${NOT_HELD}
          AND EXISTS (SELECT 1 FROM mail_message m WHERE m.case_id = c.id AND m.pseudonymized_at IS NULL)
        ORDER BY c.closed_at, c.id LIMIT $2`,
      [cutoff, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Contacts whose every case closed before the cutoff and none is held: no live case needs
   * them any more. A contact that never had a case belongs to its organization's record and stays.
   */
  async contactsPastTerm(db: EntityManager, cutoff: Date, limit: number): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT ct.id FROM contact ct
        WHERE ct.pseudonymized_at IS NULL
          AND EXISTS (SELECT 1 FROM "case" c WHERE c.contact_id = ct.id)
          AND NOT EXISTS (SELECT 1 FROM "case" c WHERE c.contact_id = ct.id
                            AND (c.status <> 'closed' OR c.closed_at >= $1 OR NOT ${NOT_HELD}))
          AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL
                            AND h.organization_id = ct.organization_id)
        ORDER BY ct.id LIMIT $2`,
      [cutoff, limit],
    );
    return rows.map((r) => r.id);
  }

  async countMail(
    db: EntityManager,
    caseIds: string[],
  ): Promise<{ messages: number; attachments: number }> {
    const [row] = await db.query<{ messages: number; attachments: number }[]>(
      `SELECT count(*)::int AS messages,
              (SELECT count(*)::int FROM mail_attachment a JOIN mail_message m2 ON m2.id = a.mail_message_id
                WHERE m2.case_id = ANY($1::uuid[]) AND m2.pseudonymized_at IS NULL) AS attachments
         FROM mail_message m WHERE m.case_id = ANY($1::uuid[]) AND m.pseudonymized_at IS NULL`,
      [caseIds],
    );
    return row ?? { messages: 0, attachments: 0 };
  }

  async countAuditPastTerm(db: EntityManager, cutoff: Date): Promise<number> {
    const [row] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_event WHERE at < $1 AND ip IS NOT NULL`,
      [cutoff],
    );
    return row?.n ?? 0;
  }

  async countSignInsPastTerm(db: EntityManager, cutoff: Date): Promise<number> {
    const [row] = await db.query<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM login_attempt WHERE at < $1)::int
            + (SELECT count(*) FROM user_session WHERE expires_at < $1 OR revoked_at < $1)::int AS n`,
      [cutoff],
    );
    return row?.n ?? 0;
  }

  async scrubCaseText(
    db: EntityManager,
    caseIds: string[],
    marker: string,
  ): Promise<Record<string, number>> {
    return this.call(db, `SELECT steward_scrub_case_text($1::uuid[], $2) AS counts`, [
      caseIds,
      marker,
    ]);
  }

  async scrubMail(
    db: EntityManager,
    caseIds: string[],
    marker: string,
  ): Promise<Record<string, number>> {
    return this.call(db, `SELECT steward_scrub_mail($1::uuid[], $2) AS counts`, [caseIds, marker]);
  }

  async scrubContacts(
    db: EntityManager,
    contactIds: string[],
    marker: string,
  ): Promise<Record<string, number>> {
    return this.call(db, `SELECT steward_scrub_contacts($1::uuid[], $2) AS counts`, [
      contactIds,
      marker,
    ]);
  }

  /** Audit entries about the given records (null: every pseudonymized case and contact). */
  async scrubAudit(
    db: EntityManager,
    entityIds: string[],
    cutoff: Date | null,
    marker: string,
  ): Promise<Record<string, number>> {
    return this.call(db, `SELECT steward_scrub_audit($1::text[], $2, $3) AS counts`, [
      entityIds,
      cutoff,
      marker,
    ]);
  }

  /** Every case and contact already pseudonymized, whose audit entries wait for their own term. */
  async pseudonymizedEntityIds(db: EntityManager, cutoff: Date): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT DISTINCT a.entity_id AS id FROM audit_event a
        WHERE a.at < $1 AND a.pseudonymized_at IS NULL AND a.entity_type IN ('case', 'contact')
          AND (EXISTS (SELECT 1 FROM "case" c WHERE c.id::text = a.entity_id AND c.pseudonymized_at IS NOT NULL)
            OR EXISTS (SELECT 1 FROM contact ct WHERE ct.id::text = a.entity_id AND ct.pseudonymized_at IS NOT NULL))`,
      [cutoff],
    );
    return rows.map((r) => r.id);
  }

  async purgeSignIns(db: EntityManager, cutoff: Date): Promise<Record<string, number>> {
    return this.call(db, `SELECT steward_purge_sign_ins($1) AS counts`, [cutoff]);
  }

  private async call(
    db: EntityManager,
    sql: string,
    params: unknown[],
  ): Promise<Record<string, number>> {
    const [row] = await db.query<{ counts: Record<string, number> }[]>(sql, params);
    return row?.counts ?? {};
  }

  async startRun(
    db: EntityManager,
    run: {
      dryRun: boolean;
      trigger: 'schedule' | 'admin' | 'erasure';
      asOf: Date;
      userId: string | null;
      reason: string | null;
    },
  ): Promise<string> {
    const [row] = await db.query<{ id: string }[]>(
      `INSERT INTO pseudonymization_run (dry_run, trigger, as_of, started_by, reason)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [run.dryRun, run.trigger, run.asOf, run.userId, run.reason],
    );
    return row!.id;
  }

  async finishRun(
    db: EntityManager,
    id: string,
    counts: Record<string, number>,
    sample: string[],
    error: string | null,
  ): Promise<void> {
    await db.query(
      `UPDATE pseudonymization_run SET finished_at = now(), counts = $2, case_ids_sample = $3, error = $4
        WHERE id = $1`,
      [id, JSON.stringify(counts), sample, error?.slice(0, 2000) ?? null],
    );
  }

  async runs(db: EntityManager, limit: number): Promise<RunRow[]> {
    return db.query<RunRow[]>(
      `SELECT ${RUN_COLUMNS} FROM pseudonymization_run ORDER BY started_at DESC, id DESC LIMIT $1`,
      [limit],
    );
  }

  async run(db: EntityManager, id: string): Promise<RunRow | null> {
    const [row] = await db.query<RunRow[]>(
      `SELECT ${RUN_COLUMNS} FROM pseudonymization_run WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async lastRun(db: EntityManager, dryRun: boolean): Promise<RunRow | null> {
    const [row] = await db.query<RunRow[]>(
      `SELECT ${RUN_COLUMNS} FROM pseudonymization_run WHERE dry_run = $1
        ORDER BY started_at DESC, id DESC LIMIT 1`,
      [dryRun],
    );
    return row ?? null;
  }

  async holds(
    db: EntityManager,
    target: { caseId?: string; organizationId?: string },
  ): Promise<HoldRow[]> {
    return db.query<HoldRow[]>(
      `SELECT ${HOLD_COLUMNS} FROM legal_hold
        WHERE ($1::uuid IS NULL OR case_id = $1) AND ($2::uuid IS NULL OR organization_id = $2)
        ORDER BY set_at DESC`,
      [target.caseId ?? null, target.organizationId ?? null],
    );
  }

  async activeHolds(db: EntityManager): Promise<HoldRow[]> {
    return db.query<HoldRow[]>(
      `SELECT ${HOLD_COLUMNS} FROM legal_hold WHERE released_at IS NULL ORDER BY set_at DESC`,
    );
  }

  /** null when the target already has a hold in force (unique partial index). */
  async placeHold(
    db: EntityManager,
    hold: {
      caseId: string | null;
      organizationId: string | null;
      reason: string;
      userId: string | null;
    },
  ): Promise<HoldRow | null> {
    const rows = await db.query<HoldRow[]>(
      `INSERT INTO legal_hold (case_id, organization_id, reason, set_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING ${HOLD_COLUMNS}`,
      [hold.caseId, hold.organizationId, hold.reason, hold.userId],
    );
    return rows[0] ?? null;
  }

  async releaseHold(
    db: EntityManager,
    id: string,
    reason: string,
    userId: string | null,
  ): Promise<HoldRow | null> {
    // UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [rows] = await db.query<[HoldRow[], number]>(
      `UPDATE legal_hold SET released_at = now(), released_by = $3, release_reason = $2
        WHERE id = $1 AND released_at IS NULL RETURNING ${HOLD_COLUMNS}`,
      [id, reason, userId],
    );
    return rows[0] ?? null;
  }

  async targetExists(
    db: EntityManager,
    kind: 'case' | 'organization',
    id: string,
  ): Promise<boolean> {
    const [row] = await db.query<{ found: boolean }[]>(
      kind === 'case'
        ? `SELECT EXISTS (SELECT 1 FROM "case" WHERE id = $1) AS found`
        : `SELECT EXISTS (SELECT 1 FROM organization WHERE id = $1) AS found`,
      [id],
    );
    return row?.found ?? false;
  }
}
