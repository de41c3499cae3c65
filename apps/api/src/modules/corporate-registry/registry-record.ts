import { isValidCorporateNumber } from '@madoguchi/domain';

/**
 * The columns of the National Tax Agency's corporate-number CSV (法人番号公表サイト, "データ項目"),
 * in file order. The files have no header row; full data and daily difference files share the
 * layout, and the Unicode and Shift_JIS editions differ only in their encoding.
 */
export const REGISTRY_COLUMNS = [
  'sequenceNumber',
  'corporateNumber',
  'process',
  'correct',
  'updateDate',
  'changeDate',
  'name',
  'nameImageId',
  'kind',
  'prefectureName',
  'cityName',
  'streetNumber',
  'addressImageId',
  'prefectureCode',
  'cityCode',
  'postCode',
  'addressOutside',
  'addressOutsideImageId',
  'closeDate',
  'closeCause',
  'successorCorporateNumber',
  'changeCause',
  'assignmentDate',
  'latest',
  'enName',
  'enPrefectureName',
  'enCityName',
  'enAddressOutside',
  'furigana',
  'hihyoji',
] as const;

export type RegistryColumn = (typeof REGISTRY_COLUMNS)[number];

/** One published record as the registry table keeps it (codes as text, dates as YYYY-MM-DD). */
export interface RegistryRecord {
  corporateNumber: string;
  sequenceNumber: string;
  process: string;
  correct: boolean;
  updateDate: string;
  changeDate: string | null;
  name: string;
  nameKana: string | null;
  kind: string | null;
  prefectureName: string | null;
  cityName: string | null;
  streetNumber: string | null;
  prefectureCode: string | null;
  cityCode: string | null;
  postCode: string | null;
  addressOutside: string | null;
  closeDate: string | null;
  closeCause: string | null;
  successorCorporateNumber: string | null;
  changeCause: string | null;
  assignmentDate: string | null;
  enName: string | null;
  hidden: boolean;
}

export type ParsedRecord = { ok: true; record: RegistryRecord } | { ok: false; reason: string };

const column = Object.fromEntries(REGISTRY_COLUMNS.map((name, index) => [name, index])) as Record<
  RegistryColumn,
  number
>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isDate = (value: string): boolean => {
  if (!DATE.test(value)) {
    return false;
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
};

/**
 * Reads one CSV record. Blank optional fields become null; a record the registry cannot key
 * (wrong column count, a bad corporate number, no update date or name) is refused with the
 * reason, so the import can skip and report it instead of stopping five million rows in.
 */
export function parseRegistryRecord(fields: readonly string[]): ParsedRecord {
  if (fields.length !== REGISTRY_COLUMNS.length) {
    return {
      ok: false,
      reason: `expected ${REGISTRY_COLUMNS.length} columns, found ${fields.length}`,
    };
  }
  const get = (name: RegistryColumn): string => (fields[column[name]] ?? '').trim();
  const optional = (name: RegistryColumn): string | null => get(name) || null;
  const optionalDate = (name: RegistryColumn): string | null | undefined => {
    const value = get(name);
    if (!value) {
      return null;
    }
    return isDate(value) ? value : undefined;
  };

  const corporateNumber = get('corporateNumber');
  if (!isValidCorporateNumber(corporateNumber)) {
    return { ok: false, reason: `corporateNumber "${corporateNumber}" fails the check digit` };
  }
  const sequenceNumber = get('sequenceNumber');
  if (!/^\d{1,18}$/.test(sequenceNumber)) {
    return { ok: false, reason: 'sequenceNumber is not a number' };
  }
  const process = get('process');
  if (!/^\d{2}$/.test(process)) {
    return { ok: false, reason: 'process is not a two-digit code' };
  }
  const updateDate = get('updateDate');
  if (!isDate(updateDate)) {
    return { ok: false, reason: 'updateDate is not a date' };
  }
  const name = get('name');
  if (!name) {
    return { ok: false, reason: 'name is empty' };
  }
  const dates = {
    changeDate: optionalDate('changeDate'),
    closeDate: optionalDate('closeDate'),
    assignmentDate: optionalDate('assignmentDate'),
  };
  for (const [key, value] of Object.entries(dates)) {
    if (value === undefined) {
      return { ok: false, reason: `${key} is not a date` };
    }
  }
  const successor = optional('successorCorporateNumber');
  const codeOrNull = (name: RegistryColumn, pattern: RegExp): string | null => {
    const value = get(name);
    return pattern.test(value) ? value : null;
  };
  return {
    ok: true,
    record: {
      corporateNumber,
      sequenceNumber,
      process,
      correct: get('correct') === '1',
      updateDate,
      changeDate: dates.changeDate ?? null,
      name,
      nameKana: optional('furigana'),
      kind: codeOrNull('kind', /^\d{3}$/),
      prefectureName: optional('prefectureName'),
      cityName: optional('cityName'),
      streetNumber: optional('streetNumber'),
      prefectureCode: codeOrNull('prefectureCode', /^\d{2}$/),
      cityCode: codeOrNull('cityCode', /^\d{3}$/),
      postCode: codeOrNull('postCode', /^\d{7}$/),
      addressOutside: optional('addressOutside'),
      closeDate: dates.closeDate ?? null,
      closeCause: codeOrNull('closeCause', /^\d{2}$/),
      // A successor that is not a valid number is dropped rather than the whole record.
      successorCorporateNumber: successor && isValidCorporateNumber(successor) ? successor : null,
      changeCause: optional('changeCause'),
      assignmentDate: dates.assignmentDate ?? null,
      enName: optional('enName'),
      hidden: get('hihyoji') === '1',
    },
  };
}
