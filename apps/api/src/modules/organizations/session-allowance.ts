import type { AllowancePeriod, SessionAllowance } from '@madoguchi/domain';
import type { EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';
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

export type SessionGrantRow = Row<
  'session_allowance_grant',
  'id' | 'organization_id' | 'reason' | 'granted_by' | 'created_at'
> & {
  granted_by_name: Row<'app_user', 'display_name'>['display_name'];
  /** A generated column (from created_at), so never null although the schema types allow it. */
  fiscal_year: number;
};

export const toSessionGrantDto = (g: SessionGrantRow): SessionGrantDto => ({
  id: g.id,
  reason: g.reason,
  grantedBy: g.granted_by,
  grantedByName: g.granted_by_name,
  fiscalYear: g.fiscal_year,
  createdAt: g.created_at.toISOString(),
});

/**
 * Where an organization's free-session allowance comes from. The sessions module owns the
 * sessions, grants and program terms it is counted from and provides this (see
 * SessionAllowanceModule); the organization page only shows it, so organizations depends on
 * this contract, not on the module above it.
 */
export abstract class SessionAllowanceSource {
  /** The program's free-session terms (the allowance before grants). */
  abstract terms(db?: EntityManager): Promise<ProgramSessionTerms>;

  /**
   * Each organization's allowance, counted from its sessions and grants (so it is right at once
   * after a merge moves them). With a yearly period, `at` picks the fiscal year.
   */
  abstract allowances(
    db: EntityManager,
    organizationIds: string[],
    at?: Date,
  ): Promise<Map<string, OrganizationAllowance>>;

  /**
   * The allowance of an organization with no sessions and no grants (one just created), as
   * allowances() would count it, without a statement while the terms are cached.
   */
  abstract unused(at?: Date): Promise<OrganizationAllowance>;

  /** allowances() and grants() in one statement, for pages that show both. */
  abstract withGrants(
    db: EntityManager,
    organizationIds: string[],
    at?: Date,
  ): Promise<{ allowances: Map<string, OrganizationAllowance>; grants: SessionGrantRow[] }>;

  /** The organizations' extra sessions granted by managers, oldest first. */
  abstract grants(db: EntityManager, organizationIds: string[]): Promise<SessionGrantRow[]>;
}
