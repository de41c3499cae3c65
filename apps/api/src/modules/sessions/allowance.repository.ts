import {
  type AllowancePeriod,
  COUNTED_SESSION_STATUSES,
  fiscalYearOf,
  sessionAllowance,
} from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { referenceCache } from '../../database/reference-cache';
import type { Row } from '../../database/rows';
import {
  type OrganizationAllowance,
  type ProgramSessionTerms,
  SessionAllowanceSource,
  type SessionGrantRow,
} from '../organizations/session-allowance';
import { preparedAll } from '../../database/prepared-statements';

export type ProgramSettingRow = Row<
  'program_setting',
  'session_limit' | 'session_period' | 'version' | 'updated_at'
>;

/**
 * The statements behind every organization's allowance, as text so that the benchmark's bare
 * baseline (apps/api/bench/baseline-server.ts) runs exactly these and cannot drift from them.
 */
const PROGRAM_TERMS_CACHE = 'program_setting';

export const ALLOWANCE_SQL = preparedAll({
  terms: `SELECT session_limit, session_period FROM program_setting`,
  counts: `SELECT o.id,
       (SELECT count(*)::int FROM expert_session s
         WHERE s.organization_id = o.id AND s.status = ANY($2::text[])
           AND ($3::int IS NULL OR s.fiscal_year = $3)) AS used,
       (SELECT count(*)::int FROM session_allowance_grant g
         WHERE g.organization_id = o.id AND ($3::int IS NULL OR g.fiscal_year = $3)) AS grants
       FROM unnest($1::uuid[]) AS o(id)`,
  // The counts with every grant as JSON: a page showing organizations asks once, not twice.
  // Instants travel as epoch milliseconds, truncated as the driver truncates timestamps.
  countsWithGrants: `SELECT o.id,
       (SELECT count(*)::int FROM expert_session s
         WHERE s.organization_id = o.id AND s.status = ANY($2::text[])
           AND ($3::int IS NULL OR s.fiscal_year = $3)) AS used,
       coalesce((SELECT json_agg(json_build_object('id', g.id, 'organization_id', g.organization_id,
                   'reason', g.reason, 'granted_by', g.granted_by, 'granted_by_name', u.display_name,
                   'fiscal_year', g.fiscal_year,
                   'created_at', floor(extract(epoch FROM g.created_at) * 1000)::bigint)
                   ORDER BY g.created_at, g.id)
                  FROM session_allowance_grant g JOIN app_user u ON u.id = g.granted_by
                 WHERE g.organization_id = o.id), '[]') AS grant_list
       FROM unnest($1::uuid[]) AS o(id)`,
  grants: `SELECT g.id, g.organization_id, g.reason, g.granted_by, u.display_name AS granted_by_name,
            g.fiscal_year, g.created_at
       FROM session_allowance_grant g JOIN app_user u ON u.id = g.granted_by
      WHERE g.organization_id = ANY($1::uuid[])
      ORDER BY g.created_at, g.id`,
} as const);

/** The fiscal year whose sessions count, when the allowance is yearly. */
const countedYear = (terms: ProgramSessionTerms, at: Date): number | null =>
  terms.period === 'fiscal_year' ? fiscalYearOf(at) : null;

const allowanceOf = (
  terms: ProgramSessionTerms,
  at: Date,
  counted: { used: number; grants: number },
): OrganizationAllowance => ({
  ...sessionAllowance({ limit: terms.limit, used: counted.used, grants: counted.grants }),
  period: terms.period,
  fiscalYear: countedYear(terms, at),
});

/**
 * The SQL on `program_setting` and `session_allowance_grant`, and the count of an organization's
 * sessions against its allowance. It is the SessionAllowanceSource the organizations module
 * shows the allowance from.
 */
@Injectable()
export class AllowanceRepository extends SessionAllowanceSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  /**
   * The program's session terms. Displays (the case page, typeahead, intake's answer) take the
   * instance's copy, at most REFERENCE_CACHE_TTL_MS old; inside a transaction (a booking deciding
   * whether the allowance is used up) the committed row is read.
   */
  async terms(db: EntityManager = this.dataSource.manager): Promise<ProgramSessionTerms> {
    if (db.queryRunner?.isTransactionActive) {
      return this.readTerms(db);
    }
    return referenceCache<ProgramSessionTerms>(this.dataSource, PROGRAM_TERMS_CACHE).get(() =>
      this.readTerms(this.dataSource.manager),
    );
  }

  /** After a change of the terms has committed: this instance reads them again at once. */
  forgetTerms(): void {
    referenceCache(this.dataSource, PROGRAM_TERMS_CACHE).invalidate();
  }

  private async readTerms(db: EntityManager): Promise<ProgramSessionTerms> {
    const [row] = await db.query<{ session_limit: number; session_period: AllowancePeriod }[]>(
      ALLOWANCE_SQL.terms,
    );
    if (!row) {
      throw new Error('program_setting has no row; the migration inserts it.');
    }
    return { limit: row.session_limit, period: row.session_period };
  }

  async allowances(
    db: EntityManager,
    organizationIds: string[],
    at: Date = new Date(),
  ): Promise<Map<string, OrganizationAllowance>> {
    const result = new Map<string, OrganizationAllowance>();
    if (organizationIds.length === 0) {
      return result;
    }
    const terms = await this.terms(db);
    const fiscalYear = countedYear(terms, at);
    const rows = await db.query<{ id: string; used: number; grants: number }[]>(
      ALLOWANCE_SQL.counts,
      [organizationIds, COUNTED_SESSION_STATUSES, fiscalYear],
    );
    for (const row of rows) {
      result.set(row.id, allowanceOf(terms, at, row));
    }
    return result;
  }

  async withGrants(
    db: EntityManager,
    organizationIds: string[],
    at: Date = new Date(),
  ): Promise<{ allowances: Map<string, OrganizationAllowance>; grants: SessionGrantRow[] }> {
    const allowances = new Map<string, OrganizationAllowance>();
    const grants: SessionGrantRow[] = [];
    if (organizationIds.length === 0) {
      return { allowances, grants };
    }
    const terms = await this.terms(db);
    const fiscalYear = countedYear(terms, at);
    const rows = await db.query<
      {
        id: string;
        used: number;
        grant_list: (Omit<SessionGrantRow, 'created_at'> & { created_at: number })[];
      }[]
    >(ALLOWANCE_SQL.countsWithGrants, [organizationIds, COUNTED_SESSION_STATUSES, fiscalYear]);
    for (const row of rows) {
      const own = row.grant_list.map((g) => ({ ...g, created_at: new Date(Number(g.created_at)) }));
      grants.push(...own);
      // As ALLOWANCE_SQL.counts counts them: the grants of the counted fiscal year, or all.
      const counted = own.filter((g) => fiscalYear === null || g.fiscal_year === fiscalYear).length;
      allowances.set(row.id, allowanceOf(terms, at, { used: row.used, grants: counted }));
    }
    return { allowances, grants };
  }

  async unused(at: Date = new Date()): Promise<OrganizationAllowance> {
    return allowanceOf(await this.terms(), at, { used: 0, grants: 0 });
  }

  async grants(db: EntityManager, organizationIds: string[]): Promise<SessionGrantRow[]> {
    if (organizationIds.length === 0) {
      return [];
    }
    return db.query<SessionGrantRow[]>(ALLOWANCE_SQL.grants, [organizationIds]);
  }

  async settings(db: EntityManager = this.dataSource.manager): Promise<ProgramSettingRow> {
    const [row] = await db.query<ProgramSettingRow[]>(
      `SELECT session_limit, session_period, version, updated_at FROM program_setting`,
    );
    return row!;
  }

  /** Guarded by the version; null when someone else changed the settings first. */
  async updateSettings(
    db: EntityManager,
    version: number,
    change: { limit: number | null; period: string | null; updatedBy: string },
  ): Promise<ProgramSettingRow | null> {
    // An UPDATE answers [rows, affected count].
    const [[row]] = await db.query<[ProgramSettingRow[], number]>(
      `UPDATE program_setting SET session_limit = coalesce($2, session_limit),
           session_period = coalesce($3, session_period), updated_by = $4,
           version = version + 1, updated_at = now()
         WHERE version = $1 RETURNING session_limit, session_period, version, updated_at`,
      [version, change.limit, change.period, change.updatedBy],
    );
    return row ?? null;
  }

  async insertGrant(
    db: EntityManager,
    organizationId: string,
    grantedBy: string,
    reason: string,
  ): Promise<string> {
    const [created] = await db.query<Row<'session_allowance_grant', 'id'>[]>(
      `INSERT INTO session_allowance_grant (organization_id, granted_by, reason) VALUES ($1, $2, $3)
         RETURNING id`,
      [organizationId, grantedBy, reason],
    );
    return created!.id;
  }

  /** A merge moves an organization's expert sessions and grants to the survivor. */
  async moveToOrganization(
    db: EntityManager,
    fromOrganizationId: string,
    toOrganizationId: string,
  ): Promise<{ sessions: number; grants: number }> {
    const [, sessions] = await db.query<[unknown, number]>(
      `UPDATE expert_session SET organization_id = $2 WHERE organization_id = $1`,
      [fromOrganizationId, toOrganizationId],
    );
    const [, grants] = await db.query<[unknown, number]>(
      `UPDATE session_allowance_grant SET organization_id = $2 WHERE organization_id = $1`,
      [fromOrganizationId, toOrganizationId],
    );
    return { sessions, grants };
  }

  async countForOrganization(
    organizationId: string,
  ): Promise<{ sessions: number; grants: number }> {
    const [row] = await this.dataSource.query<{ sessions: number; grants: number }[]>(
      `SELECT (SELECT count(*)::int FROM expert_session WHERE organization_id = $1) AS sessions,
              (SELECT count(*)::int FROM session_allowance_grant WHERE organization_id = $1) AS grants`,
      [organizationId],
    );
    return row ?? { sessions: 0, grants: 0 };
  }
}
