import { prefectureByCode } from './prefectures';

/** What an organization record says about itself. */
export interface OrganizationIdentity {
  name: string;
  prefectureCode: string | null;
  /** Free text, with or without the prefecture, perhaps with a building after the street number. */
  address: string | null;
}

/** What the National Tax Agency's registry says about the same corporate number. */
export interface RegisteredIdentity {
  name: string;
  prefectureCode: string | null;
  cityName: string | null;
  streetNumber: string | null;
  closeDate: string | null;
}

export interface RegistryDifferences {
  nameDiffers: boolean;
  /** Only when the organization has an address or a prefecture to compare. */
  addressDiffers: boolean;
  closed: boolean;
}

// The legal form is part of the registered name (株式会社 → 合同会社 is a change), so the
// abbreviations staff type are spelled out rather than dropped.
const LEGAL_FORM_ABBREVIATIONS: [string, string][] = [
  ['(株)', '株式会社'],
  ['(有)', '有限会社'],
  ['(合)', '合同会社'],
  ['(名)', '合名会社'],
  ['(資)', '合資会社'],
  ['(一社)', '一般社団法人'],
  ['(一財)', '一般財団法人'],
  ['(社)', '社団法人'],
  ['(財)', '財団法人'],
  ['(医)', '医療法人'],
];

/** A registered name as compared: width, spacing and abbreviated legal forms do not count. */
export function registryNameKey(name: string): string {
  let key = name.normalize('NFKC').replace(/\s+/g, '');
  for (const [short, long] of LEGAL_FORM_ABBREVIATIONS) {
    key = key.split(short).join(long);
  }
  return key;
}

const KANJI_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 三 → 3, 十二 → 12, 二十三 → 23 (the 1–99 of 丁目 numbers). */
function kanjiNumber(text: string): string {
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text];
  const value =
    (text.includes('十') ? (tens ? (KANJI_DIGITS[tens] ?? 0) : 1) * 10 : 0) +
    (ones ? (KANJI_DIGITS[ones] ?? 0) : 0);
  return String(value);
}

/**
 * An address as compared: width and spacing folded, the dashes people type made one, and
 * 3丁目1番1号 written 3-1-1 (as the NTA publishes some and staff type most).
 */
export function registryAddressKey(address: string): string {
  return (
    address
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/([一二三四五六七八九十]+)(?=丁目)/g, (m) => kanjiNumber(m))
      .replace(/[‐‑‒–—―−ｰ]/g, '-')
      .replace(/(\d)ー(?=\d)/g, '$1-')
      .replace(/(\d)(?:丁目|番地の?|番|号)/g, '$1-')
      .replace(/-+/g, '-')
      // A hyphen left before no number (3-1-1- 第二ビル, or at the end) joins nothing.
      .replace(/-(?!\d)/g, '')
  );
}

/** Flags a record whose name or address no longer matches the registry, or whose corporation closed. */
export function compareWithRegistry(
  organization: OrganizationIdentity,
  registered: RegisteredIdentity,
): RegistryDifferences {
  const nameDiffers = registryNameKey(organization.name) !== registryNameKey(registered.name);

  let addressDiffers = false;
  if (
    organization.prefectureCode &&
    registered.prefectureCode &&
    organization.prefectureCode !== registered.prefectureCode
  ) {
    addressDiffers = true;
  } else if (organization.address?.trim()) {
    const prefecture = registered.prefectureCode
      ? prefectureByCode(registered.prefectureCode)?.nameJa
      : undefined;
    let ours = registryAddressKey(organization.address);
    if (prefecture && ours.startsWith(prefecture)) {
      ours = ours.slice(prefecture.length);
    }
    const theirs = registryAddressKey(
      `${registered.cityName ?? ''}${registered.streetNumber ?? ''}`,
    );
    // A building or floor after the street number is ours alone; the registry stops at the number.
    const rest = ours.startsWith(theirs) ? ours.slice(theirs.length) : null;
    addressDiffers = !theirs || rest === null || /^[-\d]/.test(rest);
  }
  return { nameDiffers, addressDiffers, closed: registered.closeDate !== null };
}
