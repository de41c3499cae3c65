import {
  classifySme,
  isIndustrySubcodeOf,
  normalizeCorporateNumber,
  normalizeForSearch,
  normalizeJapanesePhone,
  normalizeOrganizationName,
  phoneSearchDigits,
  searchPhrase,
  type SmeReason,
  type SmeSector,
} from '@madoguchi/domain';
import { validationError } from '../../common/errors/app-error';

/** The normalised text an organization is found by: name, reading, corporate number, phones. */
export function organizationSearchText(parts: {
  name: string;
  nameKana: string | null;
  corporateNumber: string | null;
  phones: (string | null)[];
}): string {
  return normalizeForSearch(
    [
      parts.name,
      parts.nameKana ?? '',
      parts.corporateNumber ?? '',
      // Each number once: a second contact on the switchboard's number finds nothing new, and
      // leaves the text as it was (see ORGANIZATION_SQL.setSearchText).
      ...new Set(parts.phones.filter((p): p is string => !!p).map(phoneSearchDigits)),
    ].join(' '),
  );
}

/**
 * The part of it each of its cases carries (their search index): the organization's own phone,
 * not its contacts'. The database generates the same (organization.case_search_text); the case
 * list finds a contact's number through the contact table.
 */
export function organizationCaseSearchText(parts: {
  name: string;
  nameKana: string | null;
  corporateNumber: string | null;
  phone: string | null;
}): string {
  return organizationSearchText({ ...parts, phones: [parts.phone] });
}

// The digits of a query made only of digits and a number's separators, or null.
function queryDigits(q: string): string | null {
  const digits = normalizeForSearch(q).replace(/[\s()+\-‐ー]/g, '');
  return /^\d+$/.test(digits) ? digits : null;
}

/** What a search box query means: digits (phone, corporate number) or text. */
export function normalizeQuery(q: string): string {
  const digits = queryDigits(q);
  if (digits) {
    // +81 3-1234-5678 and 03-1234-5678 both become 0312345678.
    const phone = normalizeJapanesePhone(q);
    return phone ? phoneSearchDigits(phone) : digits;
  }
  // ㈱テレワーク finds 株式会社テレワーク: the stored text keeps the legal form, the query drops it.
  return searchPhrase(q);
}

/**
 * A search box query that is a whole phone number (as stored, E.164) or a whole corporate number
 * (13 digits), or null. Matched exactly through their indexes: the substring search would
 * intersect the posting lists of digit pairs that every organization has (03, 12, 34…), 30–60
 * ms at 900,000 organizations (issue #17). Part of a number still goes to the substring search.
 */
export function numberQuery(
  q: string,
): { phone: string | null; corporateNumber: string | null } | null {
  const digits = queryDigits(q);
  if (!digits) {
    return null;
  }
  const phone = normalizeJapanesePhone(q);
  const corporateNumber = digits.length === 13 ? digits : null;
  return phone || corporateNumber ? { phone, corporateNumber } : null;
}

/**
 * A search box query that is an email address, lower-cased, or null. It is matched exactly
 * against contacts' addresses: enough to find the caller's organization, too little to probe
 * for addresses one character at a time.
 */
export function emailQuery(q: string): string | null {
  const text = q.normalize('NFKC').trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? text : null;
}

export function derivedFields(input: {
  name: string;
  nameKana: string | null;
  corporateNumber: string | null;
  industryCode: string | null;
  /** Absent where the writer never sets it (demo data, benchmarks). */
  industrySubcode?: string | null;
  smeSector: string | null;
  employees: number | null;
  capitalYen: number | null;
  phones: (string | null)[];
}): { nameNormalized: string; searchText: string; sme: boolean | null; smeReason: string } {
  // The request DTOs check a subcode sent with its major group; this catches an update that
  // changes the major group and keeps the stored subcode of the old one.
  if (
    input.industrySubcode &&
    !(input.industryCode && isIndustrySubcodeOf(input.industryCode, input.industrySubcode))
  ) {
    throw validationError(
      'industrySubcode',
      `${input.industrySubcode} is not a JSIC group of industryCode ${input.industryCode ?? 'null'}; send industrySubcode (or null) with industryCode`,
      // The same rule as the decorator's, so a client words both alike.
      'isIndustrySubcode',
    );
  }
  return {
    nameNormalized: normalizeOrganizationName(input.name),
    searchText: organizationSearchText(input),
    ...smeVerdict(input),
  };
}

/** The SME verdict stored with an organization (sme, sme_reason), from the fields it is read from. */
export function smeVerdict(input: {
  industryCode: string | null;
  industrySubcode?: string | null;
  smeSector: string | null;
  employees: number | null;
  capitalYen: number | null;
}): { sme: boolean | null; smeReason: SmeReason } {
  const sme = classifySme({
    industryCode: input.industryCode,
    industrySubcode: input.industrySubcode,
    smeSector: input.smeSector as SmeSector | null,
    employees: input.employees,
    capitalYen: input.capitalYen,
  });
  return { sme: sme.sme, smeReason: sme.reason };
}

export const normalizeCorporateNumberInput = (
  value: string | null | undefined,
): string | null | undefined =>
  value === undefined || value === null ? value : (normalizeCorporateNumber(value) ?? value);
