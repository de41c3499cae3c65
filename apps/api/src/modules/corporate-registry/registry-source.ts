import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';

export const REGISTRY_ENCODINGS = ['sjis', 'utf8'] as const;
export type RegistryEncoding = (typeof REGISTRY_ENCODINGS)[number];

/** The bytes of the CSV text in a published file, zipped or not, read once and in order. */
export interface RegistrySource {
  fileName: string;
  /**
   * Identifies the file for resuming: its size and the SHA-256 of its first MiB. Hashing it whole
   * would read a nationwide file twice; a re-published file differs in size or in its first rows.
   */
  fileKey: string;
  /** Uncompressed CSV bytes, for progress. */
  totalBytes: number;
  chunks: AsyncIterable<Buffer>;
  close: () => void;
}

const KEY_PREFIX_BYTES = 1024 * 1024;

async function fileKeyOf(path: string, size: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, KEY_PREFIX_BYTES));
    await handle.read(buffer, 0, buffer.length, 0);
    return `${size}:${createHash('sha256').update(buffer).digest('hex')}`;
  } finally {
    await handle.close();
  }
}

/** Opens a published `.zip` (every `.csv` entry in it, in order) or a bare `.csv`. */
export async function openRegistrySource(path: string): Promise<RegistrySource> {
  const { size } = await stat(path);
  const fileKey = await fileKeyOf(path, size);
  const fileName = basename(path);
  if (!/\.zip$/i.test(path)) {
    const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
    return { fileName, fileKey, totalBytes: size, chunks: stream, close: () => stream.destroy() };
  }
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  const entries: yauzl.Entry[] = [];
  for await (const entry of zip.eachEntry()) {
    if (/\.csv$/i.test(entry.fileName)) {
      entries.push(entry);
    }
  }
  if (entries.length === 0) {
    zip.close();
    throw new Error(`${fileName} holds no .csv file`);
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    for (const entry of entries) {
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream) {
        yield chunk as Buffer;
      }
    }
  }
  return {
    fileName,
    fileKey,
    totalBytes: entries.reduce((sum, e) => sum + e.uncompressedSize, 0),
    chunks: chunks(),
    close: () => zip.close(),
  };
}

/**
 * Unicode or Shift_JIS, from the first chunk: Shift_JIS Japanese text is almost never valid
 * UTF-8 (its lead bytes 0x81–0x9F are UTF-8 continuation bytes), while the Unicode edition is.
 */
export function sniffEncoding(firstChunk: Buffer): RegistryEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(firstChunk, { stream: true });
    return 'utf8';
  } catch {
    return 'sjis';
  }
}

/** Decodes the chunks as text; CP932 for Shift_JIS, as the NTA's files use its extensions (㈱, 髙). */
export async function* decodeChunks(
  chunks: AsyncIterable<Buffer>,
  encoding: RegistryEncoding,
  onBytes: (bytes: number) => void,
): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding === 'sjis' ? 'cp932' : 'utf8', { stripBOM: true });
  for await (const chunk of chunks) {
    onBytes(chunk.length);
    const text = decoder.write(chunk);
    if (text) {
      yield text;
    }
  }
  const tail = decoder.end();
  if (tail) {
    yield tail;
  }
}

/** The first chunk read ahead (to sniff the encoding), put back in front of the rest. */
export async function peek(
  chunks: AsyncIterable<Buffer>,
): Promise<{ first: Buffer | null; all: AsyncIterable<Buffer> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head = await iterator.next();
  const first = head.done ? null : head.value;
  async function* all(): AsyncGenerator<Buffer> {
    if (first) {
      yield first;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        yield next.value;
      }
    }
  }
  return { first, all: all() };
}
