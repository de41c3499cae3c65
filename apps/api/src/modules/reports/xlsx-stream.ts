import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';
import { drained } from './report-render';

/**
 * A one-table xlsx workbook written straight as SpreadsheetML into a zip, for exports of up to
 * millions of rows. exceljs's streaming writer builds a Row and a Cell object per value and hands
 * the XML to archiver without back-pressure; at a million cases that garbage was what raised the
 * API's peak memory (docs/benchmarks.md). Here a row is one string, deflated as it is written,
 * and every write waits for the compressor and for the client.
 *
 * What it writes is deliberately small: inline strings (nothing kept until the end), three
 * styles (plain, bold header, a date-time format), column widths, and a new worksheet every
 * 1,048,575 data rows (Excel's limit). No ZIP64: an entry stays under 4 GB while a row is
 * under 4 KB, which the export's columns are.
 */

export type XlsxCell = string | number | Date | null | undefined;

export interface XlsxColumn {
  header: string;
  width: number;
  /** Dates are written as Excel serial numbers in this format; they carry no time zone. */
  kind: 'text' | 'int' | 'datetime';
}

const SHEET_ROWS = 1_048_575;
const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';
// Rows are gathered into chunks of about this many bytes before they go to deflate: one
// compressor call per chunk instead of per row.
const CHUNK_BYTES = 64 * 1024;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Characters XML 1.0 cannot carry at all (control characters but tab, LF and CR; lone surrogates).
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const DAY_MS = 86_400_000;
// 1970-01-01 as an Excel serial day (the 1900 date system, its leap-year bug included).
const UNIX_EPOCH_SERIAL = 25_569;

/** Excel's serial number for a date whose UTC fields are the wall-clock time to show. */
export function excelSerial(date: Date): number {
  return date.getTime() / DAY_MS + UNIX_EPOCH_SERIAL;
}

const STYLE = { plain: 0, header: 1, datetime: 2 } as const;

function cellXml(ref: string, value: XlsxCell, kind: XlsxColumn['kind'], style: number): string {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const s = style ? ` s="${style}"` : '';
  if (value instanceof Date) {
    return `<c r="${ref}" s="${STYLE.datetime}"><v>${excelSerial(value)}</v></c>`;
  }
  if (typeof value === 'number' && kind !== 'text') {
    return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  }
  const text = String(value);
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

function stylesXml(): string {
  return (
    `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
    `<numFmts count="1"><numFmt numFmtId="164" formatCode="${DATETIME_FORMAT}"/></numFmts>` +
    `<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
    `<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill>` +
    `<fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
    `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
    `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
    `</styleSheet>`
  );
}

function dosDateTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

interface ZipEntry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** A zip archive written front to back: deflated entries with data descriptors. */
class ZipWriter {
  private offset = 0;
  private readonly entries: ZipEntry[] = [];
  private readonly stamp = dosDateTime(new Date());

  constructor(private readonly out: Writable) {}

  private async emit(bytes: Buffer): Promise<void> {
    this.offset += bytes.length;
    if (!this.out.write(bytes)) {
      await drained(this.out);
    }
  }

  /** One entry; `produce` writes its text and resolves when done. */
  async entry(
    path: string,
    produce: (write: (data: string | Buffer) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const name = Buffer.from(path, 'utf8');
    const entry: ZipEntry = { name, offset: this.offset, crc: 0, compressed: 0, size: 0 };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    // Sizes and CRC follow the data (bit 3); the name is UTF-8 (bit 11).
    header.writeUInt16LE(0x0808, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    header.writeUInt16LE(name.length, 26);
    await this.emit(Buffer.concat([header, name]));

    const deflate = createDeflateRaw();
    const pump = (async () => {
      for await (const chunk of deflate as AsyncIterable<Buffer>) {
        entry.compressed += chunk.length;
        await this.emit(chunk);
      }
    })();
    // If the producer fails, the pump must not be left waiting on a deflate that never ends.
    try {
      await produce(async (data) => {
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        entry.crc = crc32(bytes, entry.crc);
        entry.size += bytes.length;
        if (!deflate.write(bytes)) {
          await Promise.race([once(deflate, 'drain'), pump]);
        }
      });
    } finally {
      deflate.end();
      await pump;
    }
    if (entry.size > 0xffffffff || this.offset > 0xffffffff) {
      throw new Error(`xlsx entry ${path} is over 4 GB, which needs ZIP64`);
    }
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.emit(descriptor);
    this.entries.push(entry);
  }

  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(0x0808, 8);
      central.writeUInt16LE(8, 10);
      central.writeUInt16LE(this.stamp.time, 12);
      central.writeUInt16LE(this.stamp.date, 14);
      central.writeUInt32LE(e.crc >>> 0, 16);
      central.writeUInt32LE(e.compressed, 20);
      central.writeUInt32LE(e.size, 24);
      central.writeUInt16LE(e.name.length, 28);
      central.writeUInt32LE(e.offset, 42);
      await this.emit(Buffer.concat([central, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(end);
  }
}

/**
 * Streams `rows` into an xlsx workbook on the returned stream: one header row (bold), then a row
 * per item. Sheets are named `sheetName`, then `sheetName (2)` and so on past Excel's row limit.
 * The returned promise-like `done` resolves when the rows have all been read (or rejects with
 * what stopped them); the stream ends after the zip's directory.
 */
export function streamXlsx(
  sheetName: string,
  columns: XlsxColumn[],
  rows: AsyncIterable<XlsxCell[]>,
  onRowsRead: (error?: Error) => void,
  options: { sheetRows?: number } = {},
): PassThrough {
  const out = new PassThrough();
  const zip = new ZipWriter(out);
  const sheetRows = options.sheetRows ?? SHEET_ROWS;
  const refs = columns.map((_, i) => columnLetters(i));
  const cols =
    '<cols>' +
    columns
      .map(
        (c, i) =>
          `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"` +
          `${c.kind === 'datetime' ? ` style="${STYLE.datetime}"` : ''}/>`,
      )
      .join('') +
    '</cols>';
  const headerRow =
    '<row r="1">' +
    columns.map((c, i) => cellXml(`${refs[i]}1`, c.header, 'text', STYLE.header)).join('') +
    '</row>';

  const write = async (): Promise<void> => {
    const iterator = rows[Symbol.asyncIterator]();
    let next = await iterator.next();
    let sheets = 0;
    // The first sheet even without rows (a header-only workbook); another only for a row that
    // is there to go on it.
    while ((sheets === 0 || !next.done) && !out.destroyed) {
      sheets += 1;
      await zip.entry(`xl/worksheets/sheet${sheets}.xml`, async (put) => {
        await put(
          `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${cols}<sheetData>${headerRow}`,
        );
        // Each row becomes bytes at once (outside V8's heap): a string built up over many rows
        // would live through young-generation collections and pile up in the old generation.
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        for (let r = 2; r <= sheetRows + 1 && !next.done && !out.destroyed; r += 1) {
          let xml = `<row r="${r}">`;
          const values = next.value;
          for (let i = 0; i < columns.length; i += 1) {
            xml += cellXml(`${refs[i]}${r}`, values[i], columns[i]!.kind, STYLE.plain);
          }
          const bytes = Buffer.from(`${xml}</row>`, 'utf8');
          pending.push(bytes);
          pendingBytes += bytes.length;
          if (pendingBytes >= CHUNK_BYTES) {
            await put(Buffer.concat(pending, pendingBytes));
            pending = [];
            pendingBytes = 0;
          }
          next = await iterator.next();
        }
        pending.push(Buffer.from('</sheetData></worksheet>', 'utf8'));
        await put(Buffer.concat(pending));
      });
    }
    if (out.destroyed) {
      await iterator.return?.();
      onRowsRead(new Error('export aborted'));
      return;
    }
    onRowsRead();
    const names = Array.from({ length: sheets }, (_, i) =>
      i === 0 ? sheetName : `${sheetName} (${i + 1})`,
    );
    await zip.entry('xl/styles.xml', (put) => put(stylesXml()));
    await zip.entry('xl/workbook.xml', (put) =>
      put(
        `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
          names
            .map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
            .join('') +
          '</sheets></workbook>',
      ),
    );
    await zip.entry('xl/_rels/workbook.xml.rels', (put) =>
      put(
        `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
          names
            .map(
              (_, i) =>
                `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
            )
            .join('') +
          `<Relationship Id="rId${sheets + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
          '</Relationships>',
      ),
    );
    await zip.entry('_rels/.rels', (put) =>
      put(
        `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
          `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
          '</Relationships>',
      ),
    );
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
    await zip.entry('[Content_Types].xml', (put) =>
      put(
        `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          `<Override PartName="/xl/workbook.xml" ContentType="${type}.sheet.main+xml"/>` +
          `<Override PartName="/xl/styles.xml" ContentType="${type}.styles+xml"/>` +
          names
            .map(
              (_, i) =>
                `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${type}.worksheet+xml"/>`,
            )
            .join('') +
          '</Types>',
      ),
    );
    await zip.finish();
    out.end();
  };
  write().catch((error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    onRowsRead(failure);
    out.destroy(failure);
  });
  return out;
}
