/**
 * Rows in the National Tax Agency's published corporate-number layout (30 columns, no header,
 * every field but the sequence number quoted, CRLF), for the registry's tests and benchmark.
 * Deterministic: row i always has the same number, name and address.
 */
import { corporateNumberCheckDigit, PREFECTURES } from '@madoguchi/domain';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';
import yazl from 'yazl';
import {
  REGISTRY_COLUMNS,
  type RegistryColumn,
} from '../src/modules/corporate-registry/registry-record';

export type RegistryFields = Partial<Record<RegistryColumn, string>>;

/** The i-th corporate number, with its check digit. */
export function registryNumber(i: number): string {
  const base = String(100_000_000_000 + i).padStart(12, '0');
  return `${corporateNumberCheckDigit(base)}${base}`;
}

const KANA = ['テレワーク', 'ミライ', 'ヒカリ', 'サクラ', 'アオバ', 'ミドリ', 'ホシ', 'ナミ'];
const KANJI = ['テレワーク', '未来', '光', '桜', '青葉', '緑', '星', '波'];
const SUFFIX = ['商事', '工業', '物産', '技研', '運輸'];

/** A plausible current record for row i; `fields` overrides any column. */
export function registryRecord(i: number, fields: RegistryFields = {}): string[] {
  const prefecture = PREFECTURES[i % PREFECTURES.length] ?? PREFECTURES[0]!;
  const word = i % KANJI.length;
  const suffix = i % SUFFIX.length;
  const base: Record<RegistryColumn, string> = {
    sequenceNumber: String(i + 1),
    corporateNumber: registryNumber(i),
    process: '01',
    correct: '0',
    updateDate: '2025-04-01',
    changeDate: '2015-10-05',
    name: `株式会社${KANJI[word]}${SUFFIX[suffix]}${i}`,
    nameImageId: '',
    kind: '301',
    prefectureName: prefecture.nameJa,
    cityName: '中央区',
    streetNumber: `本町${(i % 9) + 1}丁目${(i % 20) + 1}番${(i % 30) + 1}号`,
    addressImageId: '',
    prefectureCode: prefecture.code,
    cityCode: '101',
    postCode: String(1_000_000 + (i % 8_999_999)).padStart(7, '0'),
    addressOutside: '',
    addressOutsideImageId: '',
    closeDate: '',
    closeCause: '',
    successorCorporateNumber: '',
    changeCause: '',
    assignmentDate: '2015-10-05',
    latest: '1',
    enName: '',
    enPrefectureName: '',
    enCityName: '',
    enAddressOutside: '',
    furigana: `${KANA[word]}${['ショウジ', 'コウギョウ', 'ブッサン', 'ギケン', 'ウンユ'][suffix]}`,
    hihyoji: '0',
  };
  return REGISTRY_COLUMNS.map((column) => fields[column] ?? base[column]);
}

/** One CSV line as the NTA writes it. */
export function registryCsvLine(fields: readonly string[]): string {
  return `${fields.map((f, i) => (i === 0 ? f : `"${f.replaceAll('"', '""')}"`)).join(',')}\r\n`;
}

/** Encodes lines as the Unicode or the Shift_JIS (CP932) edition. */
export function encodeRegistryText(text: string, encoding: 'utf8' | 'sjis'): Buffer {
  return encoding === 'sjis' ? iconv.encode(text, 'cp932') : Buffer.from(text, 'utf8');
}

/** Writes a zip holding one CSV made of `lines`, streamed (any number of lines). */
export async function writeRegistryZip(
  path: string,
  csvName: string,
  lines: Iterable<string> | AsyncIterable<string>,
  encoding: 'utf8' | 'sjis',
): Promise<void> {
  const zip = new yazl.ZipFile();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  async function* encoded(): AsyncGenerator<Buffer> {
    let pending: string[] = [];
    for await (const line of lines) {
      pending.push(line);
      if (pending.length === 1000) {
        yield encodeRegistryText(pending.join(''), encoding);
        pending = [];
      }
    }
    if (pending.length) {
      yield encodeRegistryText(pending.join(''), encoding);
    }
  }
  zip.addReadStream(Readable.from(encoded()), csvName);
  zip.end();
  await finished(out);
}
