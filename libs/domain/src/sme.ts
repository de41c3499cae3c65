import { isIndustryCode, type SmeSector, smeSectorOfIndustry } from './industries';

/** SME Basic Act art. 2 thresholds: an SME meets the capital test OR the employee test. */
export const SME_THRESHOLDS: Record<
  SmeSector,
  { capitalYen: number; employees: number; smallEnterprise: number }
> = {
  manufacturing_other: { capitalYen: 300_000_000, employees: 300, smallEnterprise: 20 },
  wholesale: { capitalYen: 100_000_000, employees: 100, smallEnterprise: 5 },
  retail: { capitalYen: 50_000_000, employees: 50, smallEnterprise: 5 },
  services: { capitalYen: 50_000_000, employees: 100, smallEnterprise: 5 },
};

export type SmeReason =
  'CAPITAL_TEST_MET' | 'EMPLOYEE_TEST_MET' | 'EXCEEDS_BOTH' | 'NO_INDUSTRY' | 'INSUFFICIENT_DATA';

export interface SmeInput {
  industryCode?: string | null;
  smeSector?: SmeSector | null;
  employees?: number | null;
  capitalYen?: number | null;
  /** The capital test applies to companies only (not sole proprietors, NPOs, …). */
  isCompany?: boolean;
}

export interface SmeResult {
  sme: boolean | null;
  smallEnterprise: boolean | null;
  reason: SmeReason;
}

const known = (n: number | null | undefined): n is number =>
  typeof n === 'number' && Number.isFinite(n);

export function classifySme(input: SmeInput): SmeResult {
  const sector =
    input.smeSector ??
    (input.industryCode && isIndustryCode(input.industryCode)
      ? smeSectorOfIndustry(input.industryCode)
      : null);
  if (!sector) {
    return { sme: null, smallEnterprise: null, reason: 'NO_INDUSTRY' };
  }
  const limits = SME_THRESHOLDS[sector];
  const capitalApplies = input.isCompany !== false;
  const smallEnterprise = known(input.employees) ? input.employees <= limits.smallEnterprise : null;
  if (capitalApplies && known(input.capitalYen) && input.capitalYen <= limits.capitalYen) {
    return { sme: true, smallEnterprise, reason: 'CAPITAL_TEST_MET' };
  }
  if (known(input.employees) && input.employees <= limits.employees) {
    return { sme: true, smallEnterprise, reason: 'EMPLOYEE_TEST_MET' };
  }
  // Failing one test proves nothing while the other is unknown.
  const capitalFailed = !capitalApplies || known(input.capitalYen);
  if (capitalFailed && known(input.employees)) {
    return { sme: false, smallEnterprise: false, reason: 'EXCEEDS_BOTH' };
  }
  return { sme: null, smallEnterprise, reason: 'INSUFFICIENT_DATA' };
}

/** Employee bands for reports; `null` when the head count is unknown. */
export const SIZE_BANDS = ['1-4', '5-20', '21-50', '51-100', '101-300', '301+'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

export function sizeBand(employees: number | null | undefined): SizeBand | null {
  if (!known(employees) || employees < 0) {
    return null;
  }
  if (employees <= 4) {
    return '1-4';
  }
  if (employees <= 20) {
    return '5-20';
  }
  if (employees <= 50) {
    return '21-50';
  }
  if (employees <= 100) {
    return '51-100';
  }
  return employees <= 300 ? '101-300' : '301+';
}
