import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { decodeCsv, readAttendeeFile } from './attendee-file';

describe('attendee files', () => {
  const text = '会社名,氏名\r\n㈱髙橋商事,髙橋 一郎\r\n\r\n"カンマ, 入り",佐藤\r\n';

  it('reads UTF-8 with and without a BOM, and Shift_JIS as CP932', () => {
    expect(decodeCsv(Buffer.from(`\uFEFF${text}`, 'utf8'))).toEqual({ text, encoding: 'utf8' });
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf8' });
    // ㈱ and 髙 are CP932 extensions a strict Shift_JIS table lacks.
    expect(decodeCsv(iconv.encode(text, 'cp932'))).toEqual({ text, encoding: 'cp932' });
  });

  it('skips blank lines and keeps each record’s line number', async () => {
    const table = await readAttendeeFile(iconv.encode(text, 'cp932'));
    expect(table).toEqual({
      format: 'csv',
      encoding: 'cp932',
      headers: ['会社名', '氏名'],
      records: [
        { line: 2, cells: ['㈱髙橋商事', '髙橋 一郎'] },
        { line: 4, cells: ['カンマ, 入り', '佐藤'] },
      ],
    });
  });

  it('takes tab-separated text too', async () => {
    const table = await readAttendeeFile(Buffer.from('会社名\t氏名\nA社\t山田\n', 'utf8'));
    expect(table.records).toEqual([{ line: 2, cells: ['A社', '山田'] }]);
  });

  it('reads the first worksheet of an xlsx workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名簿');
    sheet.addRow(['会社名', '氏名', '従業員数']);
    sheet.addRow(['エクセル商事', { richText: [{ text: '山田 ' }, { text: '花子' }] }, 12]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const table = await readAttendeeFile(bytes);
    expect(table).toMatchObject({
      format: 'xlsx',
      headers: ['会社名', '氏名', '従業員数'],
      records: [{ line: 2, cells: ['エクセル商事', '山田 花子', '12'] }],
    });
  });

  it('refuses what it cannot read, naming the field', async () => {
    await expect(readAttendeeFile(Buffer.alloc(0))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'contentBase64' }],
    });
    await expect(readAttendeeFile(Buffer.from('PK\u0003\u0004junk'))).rejects.toMatchObject({
      details: [{ field: 'contentBase64' }],
    });
  });
});
