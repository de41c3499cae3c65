/**
 * Matching Japanese the way staff type it: NFKC folds half-width kana (ﾃﾚﾜｰｸ) and full-width
 * Latin (ＡＢＣ), and hiragana is folded to katakana so a reading typed either way matches.
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The words of a search box, each to be found (AND): normalised like the text they are matched
 * against, so a full-width space (U+3000, as in テレワーク商事 typed as two words) separates
 * words too. Repeats are dropped.
 */
export function searchWords(q: string): string[] {
  const words = (text: string) => [...new Set(normalizeForSearch(text).split(' ').filter(Boolean))];
  // A legal form says nothing about which organization it is: ㈱テスト must find 株式会社テスト.
  // Typed alone it is still looked for, so a subject mentioning 株式会社 can be found.
  const meaningful = words(stripCorporateSuffix(q));
  return meaningful.length > 0 ? meaningful : words(q);
}

/**
 * A search box's text as one phrase (the organization typeahead): normalised, legal-form words
 * (株式会社, ㈱, (株)…) left out unless nothing else was typed.
 */
export function searchPhrase(q: string): string {
  return normalizeForSearch(stripCorporateSuffix(q)) || normalizeForSearch(q);
}

/**
 * What a case is found by, besides its organization: its number (so its tail finds it too),
 * subject and description, normalised like organization search. The parts stay apart by a
 * space, so no word is found across two of them.
 */
export function caseSearchText(parts: {
  number: string;
  subject: string;
  description: string;
}): string {
  return normalizeForSearch(`${parts.number} ${parts.subject} ${parts.description}`);
}

// Legal-form words that say nothing about which organization it is.
const CORPORATE_DESIGNATORS = [
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  '一般社団法人',
  '公益社団法人',
  '一般財団法人',
  '公益財団法人',
  '特定非営利活動法人',
  '社会福祉法人',
  '医療法人',
  '学校法人',
  '(株)',
  '(有)',
  '(同)',
  '(一社)',
  '(社)',
  '(財)',
  '(医)',
];

export function stripCorporateSuffix(name: string): string {
  // NFKC turns ㈱ into (株) and full-width brackets into ASCII ones, so one list covers them all.
  let result = name.normalize('NFKC');
  for (const designator of CORPORATE_DESIGNATORS) {
    result = result.split(designator).join(' ');
  }
  return result.replace(/\s+/g, ' ').trim();
}

/** The key for duplicate detection: same organization whatever the legal form, width or spacing. */
export function normalizeOrganizationName(name: string): string {
  return normalizeForSearch(stripCorporateSuffix(name)).replace(/[\s・.,、。'"-]/g, '');
}

// Addresses at these say nothing about the organization.
const FREE_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.co.jp',
  'ymail.ne.jp',
  'yahoo.com',
  'outlook.jp',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.jp',
  'live.jp',
  'msn.com',
  'icloud.com',
  'me.com',
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'au.com',
  'softbank.ne.jp',
  'i.softbank.jp',
  'nifty.com',
  'biglobe.ne.jp',
  'ocn.ne.jp',
]);

/** The organization's own mail domain, or null for free mail and malformed addresses. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1) {
    return null;
  }
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return domain.includes('.') && !FREE_MAIL_DOMAINS.has(domain) ? domain : null;
}
