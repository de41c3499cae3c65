import { possibleSmeSectors, type SmeSector } from './industries';

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

export const SME_REASONS = [
  'CAPITAL_TEST_MET',
  'EMPLOYEE_TEST_MET',
  'EXCEEDS_BOTH',
  'NO_INDUSTRY',
  'INSUFFICIENT_DATA',
  // The JSIC code leaves several sectors possible and they disagree: a finer code would tell.
  'SECTOR_UNKNOWN',
] as const;
export type SmeReason = (typeof SME_REASONS)[number];

export interface SmeInput {
  /** JSIC major group A–T. */
  industryCode?: string | null;
  /** JSIC middle (2 digits) or minor (3 digits) group inside the major group. */
  industrySubcode?: string | null;
  /** Staff's explicit sector; wins over anything read from the JSIC codes. */
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

interface SectorVerdict {
  sme: boolean | null;
  smallEnterprise: boolean | null;
  capitalMet: boolean;
  employeesMet: boolean;
}

function classifyInSector(input: SmeInput, sector: SmeSector): SectorVerdict {
  const limits = SME_THRESHOLDS[sector];
  const capitalApplies = input.isCompany !== false;
  const capitalMet =
    capitalApplies && known(input.capitalYen) && input.capitalYen <= limits.capitalYen;
  const employeesMet = known(input.employees) && input.employees <= limits.employees;
  // Failing one test proves nothing while the other is unknown.
  const capitalFailed = !capitalApplies || known(input.capitalYen);
  const sme =
    capitalMet || employeesMet ? true : capitalFailed && known(input.employees) ? false : null;
  const smallEnterprise =
    sme === false
      ? false
      : known(input.employees)
        ? input.employees <= limits.smallEnterprise
        : null;
  return { sme, smallEnterprise, capitalMet, employeesMet };
}

const agreed = <T>(values: T[]): T | null =>
  values.every((v) => v === values[0]) ? (values[0] ?? null) : null;

/**
 * SME Basic Act art. 2. The sector is the staff's explicit one, else read from the finest JSIC
 * code known; when the code leaves several sectors possible, every one is tried and the answer
 * given only if they all agree — never a guess at the likelier sector.
 */
export function classifySme(input: SmeInput): SmeResult {
  const sectors = input.smeSector
    ? [input.smeSector]
    : possibleSmeSectors(input.industryCode, input.industrySubcode);
  if (sectors.length === 0) {
    return { sme: null, smallEnterprise: null, reason: 'NO_INDUSTRY' };
  }
  const verdicts = sectors.map((sector) => classifyInSector(input, sector));
  const sme = agreed(verdicts.map((v) => v.sme));
  const smallEnterprise = agreed(verdicts.map((v) => v.smallEnterprise));
  if (sme === null) {
    const allUnknown = verdicts.every((v) => v.sme === null);
    return {
      sme: null,
      smallEnterprise,
      reason: allUnknown ? 'INSUFFICIENT_DATA' : 'SECTOR_UNKNOWN',
    };
  }
  if (!sme) {
    return { sme, smallEnterprise, reason: 'EXCEEDS_BOTH' };
  }
  // In every mixed group one sector's limits are the stricter on both tests, so one test is
  // met in all the possible sectors; the capital test is named first, as for a single sector.
  return {
    sme,
    smallEnterprise,
    reason: verdicts.every((v) => v.capitalMet) ? 'CAPITAL_TEST_MET' : 'EMPLOYEE_TEST_MET',
  };
}

/**
 * Whether a finer JSIC code (middle or minor group) would change the SME verdict for these
 * inputs, so the console asks for it only then.
 */
export function finerIndustryCodeMatters(input: SmeInput): boolean {
  return classifySme(input).reason === 'SECTOR_UNKNOWN';
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
