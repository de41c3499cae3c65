import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { validationError } from '../../common/errors/app-error';
import { sniffEncoding } from '../corporate-registry/registry-source';

/** What an attendee list holds once read: its header row and the records under it, as text. */
export interface AttendeeTable {
  format: 'csv' | 'xlsx';
  encoding: 'utf8' | 'cp932' | null;
  headers: string[];
  /** The records with their line (1-based, as a spreadsheet numbers them). */
  records: { line: number; cells: string[] }[];
}

// A partner's list is a few hundred rows; the cap keeps one request's transaction short.
export const MAX_ATTENDEE_ROWS = 5000;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The text of a CSV as partners send it: UTF-8 with or without a BOM, or Shift_JIS as Excel
 * saves it in Japan, read as CP932 (its extensions such as ㈱ and 髙 are common in company names).
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf8' | 'cp932' } {
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) {
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf8' };
  }
  return sniffEncoding(bytes) === 'utf8'
    ? { text: bytes.toString('utf8'), encoding: 'utf8' }
    : { text: iconv.decode(bytes, 'cp932'), encoding: 'cp932' };
}

/** Comma-separated, or tab-separated when the header line has tabs and no commas. */
export function parseCsvText(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  try {
    const rows: string[][] = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
    return rows;
  } catch (error) {
    throw validationError('contentBase64', `is not a readable CSV (${(error as Error).message})`);
  }
}

function table(
  rows: string[][],
  format: AttendeeTable['format'],
  encoding: AttendeeTable['encoding'],
): AttendeeTable {
  const headerIndex = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) {
    throw validationError('contentBase64', 'has no header row');
  }
  const records = rows
    .map((cells, index) => ({ line: index + 1, cells }))
    .slice(headerIndex + 1)
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (records.length > MAX_ATTENDEE_ROWS) {
    throw validationError('contentBase64', `has more than ${MAX_ATTENDEE_ROWS} rows`);
  }
  return { format, encoding, headers: rows[headerIndex]!.map((h) => h.trim()), records };
}

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) {
    return '';
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'object') {
    if ('richText' in value) {
      return value.richText.map((t) => t.text).join('');
    }
    if ('text' in value && typeof value.text === 'string') {
      return value.text;
    }
    if ('result' in value) {
      return cellText(value.result);
    }
    return '';
  }
  return String(value);
};

/** The first worksheet of an xlsx workbook, as text cells. */
async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw validationError('contentBase64', 'is not a readable xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    throw validationError('contentBase64', 'has no worksheet');
  }
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    // exceljs numbers cells from 1; index 0 is always empty.
    rows[rowNumber - 1] = values.slice(1).map(cellText);
  });
  return Array.from(rows, (r) => r ?? []);
}

/** Reads a CSV or xlsx attendee list, told apart by its first bytes (a zip is an xlsx). */
export async function readAttendeeFile(bytes: Buffer): Promise<AttendeeTable> {
  if (bytes.length === 0) {
    throw validationError('contentBase64', 'is empty');
  }
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    return table(await readXlsx(bytes), 'xlsx', null);
  }
  const { text, encoding } = decodeCsv(bytes);
  return table(parseCsvText(text), 'csv', encoding);
}
