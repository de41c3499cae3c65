import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import {
  columnLetters,
  excelSerial,
  streamXlsx,
  type XlsxCell,
  type XlsxColumn,
  xmlText,
} from './xlsx-stream';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function* fromArray(rows: XlsxCell[][]): AsyncGenerator<XlsxCell[]> {
  for (const row of rows) {
    await Promise.resolve();
    yield row;
  }
}

const COLUMNS: XlsxColumn[] = [
  { header: '案件番号', kind: 'text', width: 16 },
  { header: '受付日時', kind: 'datetime', width: 17 },
  { header: '件数', kind: 'int', width: 8 },
  { header: '件名', kind: 'text', width: 16 },
];

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('streamXlsx', () => {
  it('writes a workbook exceljs reads back: bold header, dates, numbers, inline text', async () => {
    let released: Error | undefined | null = null;
    const rows: XlsxCell[][] = [
      ['TW-2026-000001', new Date('2026-04-01T09:30:00.000Z'), 3, 'VPN <設定> & "相談"'],
      ['TW-2026-000002', null, null, ' 前後に空白 '],
      ['TW-2026-000003', new Date('2026-04-02T00:00:00.000Z'), 0, '制御\u0001文字\uD800'],
    ];
    const bytes = await bytesOf(
      streamXlsx('案件', COLUMNS, fromArray(rows), (e) => (released = e)),
    );
    expect(released).toBeUndefined();
    const workbook = await read(bytes);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['案件']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).values).toEqual([undefined, '案件番号', '受付日時', '件数', '件名']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect((sheet.getRow(2).getCell(2).value as Date).toISOString()).toBe(
      '2026-04-01T09:30:00.000Z',
    );
    expect(sheet.getRow(2).getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getRow(2).getCell(3).value).toBe(3);
    expect(sheet.getRow(2).getCell(4).value).toBe('VPN <設定> & "相談"');
    expect(sheet.getRow(3).getCell(2).value).toBeNull();
    expect(sheet.getRow(3).getCell(4).value).toBe(' 前後に空白 ');
    expect(sheet.getRow(4).getCell(3).value).toBe(0);
    expect(sheet.getRow(4).getCell(4).value).toBe('制御文字');
    expect(sheet.getColumn(2).width).toBe(17);
  });

  it('starts a new worksheet past the row limit', async () => {
    const rows: XlsxCell[][] = Array.from({ length: 5 }, (_, i) => [`n${i}`, null, i, 'x']);
    const bytes = await bytesOf(
      streamXlsx('案件', COLUMNS, fromArray(rows), () => undefined, { sheetRows: 2 }),
    );
    const workbook = await read(bytes);
    expect(workbook.worksheets.map((w) => [w.name, w.rowCount])).toEqual([
      ['案件', 3],
      ['案件 (2)', 3],
      ['案件 (3)', 2],
    ]);
    expect(workbook.worksheets[2]!.getRow(2).getCell(1).value).toBe('n4');
    // Rows that fill the last sheet exactly open no empty one after it.
    const exact = await read(
      await bytesOf(
        streamXlsx('案件', COLUMNS, fromArray(rows.slice(0, 4)), () => undefined, {
          sheetRows: 2,
        }),
      ),
    );
    expect(exact.worksheets.map((w) => w.rowCount)).toEqual([3, 3]);
  });

  it('writes a valid workbook with only the header when there are no rows', async () => {
    const workbook = await read(
      await bytesOf(streamXlsx('案件', COLUMNS, fromArray([]), () => undefined)),
    );
    expect(workbook.worksheets[0]!.rowCount).toBe(1);
  });

  it('reports an error from the rows and ends the stream with it', async () => {
    async function* failing(): AsyncGenerator<XlsxCell[]> {
      yield ['a', null, 1, 'b'];
      await Promise.resolve();
      throw new Error('cursor lost');
    }
    let released: Error | undefined | null = null;
    const out = streamXlsx('案件', COLUMNS, failing(), (e) => (released = e));
    await expect(bytesOf(out)).rejects.toThrow('cursor lost');
    expect((released as Error | null)?.message).toBe('cursor lost');
  });

  it('stops reading rows when the client goes away', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<XlsxCell[]> {
      for (;;) {
        pulled += 1;
        await Promise.resolve();
        yield [`TW-${pulled}`, new Date(), pulled, 'テレワークの相談'.repeat(10)];
      }
    }
    let released: Error | undefined | null = null;
    const out = streamXlsx('案件', COLUMNS, endless(), (e) => (released = e));
    out.once('data', () => out.destroy());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const at = pulled;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pulled).toBe(at);
    expect((released as Error | null)?.message).toBe('export aborted');
  });
});

describe('xlsx helpers', () => {
  it('names columns like Excel', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('counts Excel serial days from 1899-12-30', () => {
    expect(excelSerial(new Date('1970-01-01T00:00:00Z'))).toBe(25569);
    expect(excelSerial(new Date('2026-04-01T12:00:00Z'))).toBe(46113.5);
  });

  it('escapes markup and drops what XML cannot carry', () => {
    expect(xmlText('a<b>&c\u0000\u001F\tz')).toBe('a&lt;b&gt;&amp;c\tz');
    expect(xmlText('😀')).toBe('😀');
  });
});
