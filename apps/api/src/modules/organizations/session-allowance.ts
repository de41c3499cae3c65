import {
  type AllowancePeriod,
  COUNTED_SESSION_STATUSES,
  fiscalYearOf,
  type SessionAllowance,
  sessionAllowance,
} from '@madoguchi/domain';
import type { EntityManager } from 'typeorm';
import { referenceCache } from '../../database/reference-cache';
import type { SessionGrantDto } from './dto/organization.dto';

export interface ProgramSessionTerms {
  limit: number;
  period: AllowancePeriod;
}

export interface OrganizationAllowance extends SessionAllowance {
  period: AllowancePeriod;
  /** The fiscal year counted when the period is fiscal_year; null for a lifetime allowance. */
  fiscalYear: number | null;
}

async function readProgramSessionTerms(db: EntityManager): Promise<ProgramSessionTerms> {
  const [row] = await db.query<{ session_limit: number; session_period: AllowancePeriod }[]>(
    `SELECT session_limit, session_period FROM program_setting`,
  );
  if (!row) {
    throw new Error('program_setting has no row; the migration inserts it.');
  }
  return { limit: row.session_limit, period: row.session_period };
}

export const PROGRAM_TERMS_CACHE = 'program_setting';

/**
 * The program's session terms. Displays (the case page, typeahead, intake's answer) take the
 * instance's copy, at most REFERENCE_CACHE_TTL_MS old; inside a transaction (a booking deciding
 * whether the allowance is used up) the committed row is read.
 */
export async function programSessionTerms(db: EntityManager): Promise<ProgramSessionTerms> {
  if (db.queryRunner?.isTransactionActive) {
    return readProgramSessionTerms(db);
  }
  return referenceCache<ProgramSessionTerms>(db, PROGRAM_TERMS_CACHE).get(() =>
    readProgramSessionTerms(db.connection.manager),
  );
}

/**
 * Each organization's free-session allowance, counted from its sessions and grants (so it is
 * right at once after a merge moves them). With a yearly period, `at` picks the fiscal year:
 * today for display, the session's day when booking.
 */
export async function organizationAllowances(
  db: EntityManager,
  organizationIds: string[],
  at: Date = new Date(),
): Promise<Map<string, OrganizationAllowance>> {
  const result = new Map<string, OrganizationAllowance>();
  if (organizationIds.length === 0) {
    return result;
  }
  const terms = await programSessionTerms(db);
  const fiscalYear = terms.period === 'fiscal_year' ? fiscalYearOf(at) : null;
  const rows = await db.query<{ id: string; used: number; grants: number }[]>(
    `SELECT o.id,
       (SELECT count(*)::int FROM expert_session s
         WHERE s.organization_id = o.id AND s.status = ANY($2::text[])
           AND ($3::int IS NULL OR s.fiscal_year = $3)) AS used,
       (SELECT count(*)::int FROM session_allowance_grant g
         WHERE g.organization_id = o.id AND ($3::int IS NULL OR g.fiscal_year = $3)) AS grants
       FROM organization o WHERE o.id = ANY($1::uuid[])`,
    [organizationIds, COUNTED_SESSION_STATUSES, fiscalYear],
  );
  for (const row of rows) {
    result.set(row.id, {
      ...sessionAllowance({ limit: terms.limit, used: row.used, grants: row.grants }),
      period: terms.period,
      fiscalYear,
    });
  }
  return result;
}

export interface SessionGrantRow {
  id: string;
  organization_id: string;
  reason: string;
  granted_by: string;
  granted_by_name: string;
  fiscal_year: number;
  created_at: Date;
}

export const toSessionGrantDto = (g: SessionGrantRow): SessionGrantDto => ({
  id: g.id,
  reason: g.reason,
  grantedBy: g.granted_by,
  grantedByName: g.granted_by_name,
  fiscalYear: g.fiscal_year,
  createdAt: g.created_at.toISOString(),
});

export async function sessionGrants(
  db: EntityManager,
  organizationIds: string[],
): Promise<SessionGrantRow[]> {
  if (organizationIds.length === 0) {
    return [];
  }
  return db.query<SessionGrantRow[]>(
    `SELECT g.id, g.organization_id, g.reason, g.granted_by, u.display_name AS granted_by_name,
            g.fiscal_year, g.created_at
       FROM session_allowance_grant g JOIN app_user u ON u.id = g.granted_by
      WHERE g.organization_id = ANY($1::uuid[])
      ORDER BY g.created_at, g.id`,
    [organizationIds],
  );
}
