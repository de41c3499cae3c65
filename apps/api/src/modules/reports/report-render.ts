import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';

export type Cell = string | number | null;

export interface ReportColumn {
  key: string;
  /** Japanese: the downloads are read in Excel by managers and the ministries. */
  header: string;
  kind?: 'text' | 'count' | 'percent' | 'yen' | 'hours' | 'mean';
  width?: number;
}

/** One table of a report: a worksheet in xlsx, a titled block in CSV. */
export interface ReportTable {
  /** The worksheet name (≤ 31 characters, no []:*?/\). */
  title: string;
  columns: ReportColumn[];
  rows: Record<string, Cell>[];
  /** Lines printed under the table, e.g. what a reference figure means. */
  notes?: string[];
}

export interface RenderOptions {
  /** Lines above every table (the results workbook says there whether it is frozen). */
  preamble?: string[];
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const NUMBER_FORMATS: Record<NonNullable<ReportColumn['kind']>, string | undefined> = {
  text: undefined,
  count: '#,##0',
  percent: '0.0',
  yen: '#,##0',
  hours: '0.00',
  mean: '0.00',
};

/**
 * CSV for Excel: UTF-8 with BOM, CRLF, and cells starting with = + - @ or a tab neutralised
 * (CSV injection). One table is a plain CSV; several follow one another, each under a ■ title
 * line and separated by an empty line.
 */
export function renderCsv(tables: ReportTable[], options: RenderOptions = {}): Readable {
  const csv = stringify({ bom: true, record_delimiter: 'windows', escape_formulas: true });
  const single = tables.length === 1 && !options.preamble?.length;
  for (const line of options.preamble ?? []) {
    csv.write([line]);
  }
  tables.forEach((table, index) => {
    if (!single) {
      if (index > 0 || options.preamble?.length) {
        csv.write([]);
      }
      csv.write([`■ ${table.title}`]);
    }
    csv.write(table.columns.map((c) => c.header));
    for (const row of table.rows) {
      csv.write(table.columns.map((c) => row[c.key] ?? ''));
    }
    for (const note of table.notes ?? []) {
      csv.write([note]);
    }
  });
  csv.end();
  return csv;
}

/** A worksheet name Excel accepts, unique within the workbook. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name); n += 1) {
    name = `${base.slice(0, 31 - String(n).length - 3)} (${n})`;
  }
  taken.add(name);
  return name;
}

/**
 * Whether a writable's buffer is over its high-water mark. Streams of the readable-stream
 * package (v2, what archiver pipes through inside exceljs) have no `writableNeedDrain`: read their
 * state as Node's own getter does, or a wait on them would never wait.
 */
function needsDrain(stream: Writable): boolean {
  const state = (stream as unknown as { _writableState?: { needDrain?: boolean } })._writableState;
  return stream.writableNeedDrain ?? state?.needDrain ?? false;
}

/** Waits until a stream wants more, or is gone (a client that went away never drains). */
export async function drained(stream: Writable): Promise<void> {
  if (!needsDrain(stream) || stream.destroyed) {
    return;
  }
  const gone = new AbortController();
  await Promise.race([
    once(stream, 'drain', { signal: gone.signal }),
    once(stream, 'close', { signal: gone.signal }),
  ]).catch(() => undefined);
  gone.abort();
}

/**
 * exceljs's streaming writer hands each worksheet's XML to the zip compressor without
 * back-pressure (its StreamBuf ignores write()'s answer), so a writer faster than deflate piles
 * the backlog up in memory (1.1 GB for a million cases). Wait on the stream it writes into
 * (archiver's readable-stream PassThrough in front of deflate), as on the reply; while the
 * sheet is not yet being zipped (an entry before it is still compressing), wait for that.
 */
export async function sheetDrained(sheet: ExcelJS.Worksheet): Promise<void> {
  const stream = (sheet as unknown as { stream?: { pipes?: Writable[]; buffers?: unknown[] } })
    .stream;
  for (let waited = 0; stream && !stream.pipes?.length && waited < 10_000; waited += 5) {
    if ((stream.buffers?.length ?? 0) < 16) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const sink = stream?.pipes?.[0];
  if (sink) {
    await drained(sink);
  }
}

/** A streaming workbook writer on a fresh stream: what the reply sends. */
export function openWorkbook(): { out: PassThrough; workbook: ExcelJS.stream.xlsx.WorkbookWriter } {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    // Inline strings: shared strings would keep every distinct value in memory to the end.
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = 'Madoguchi';
  return { out, workbook };
}

/** xlsx with one worksheet per table, written by exceljs's streaming writer. */
export function renderXlsx(tables: ReportTable[], options: RenderOptions = {}): Readable {
  const { out, workbook } = openWorkbook();
  const write = async (): Promise<void> => {
    const taken = new Set<string>();
    for (const table of tables) {
      const sheet = workbook.addWorksheet(sheetName(table.title, taken));
      if (options.preamble?.length) {
        sheet.headerFooter.oddHeader = `&L${options.preamble[0]!.replace(/&/g, '&&')}`;
      }
      sheet.columns = table.columns.map((c) => ({
        key: c.key,
        width: c.width ?? Math.max(10, Math.min(40, c.header.length * 2 + 4)),
        style: NUMBER_FORMATS[c.kind ?? 'text'] ? { numFmt: NUMBER_FORMATS[c.kind ?? 'text'] } : {},
      }));
      for (const line of options.preamble ?? []) {
        sheet.addRow([line]).commit();
      }
      if (options.preamble?.length) {
        sheet.addRow([]).commit();
      }
      const header = sheet.addRow(table.columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      for (const row of table.rows) {
        sheet.addRow(table.columns.map((c) => row[c.key] ?? null)).commit();
        await drained(out);
      }
      if (table.notes?.length) {
        sheet.addRow([]).commit();
        for (const note of table.notes) {
          sheet.addRow([note]).commit();
        }
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) =>
    out.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return out;
}
