import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Client } from 'pg';
import { extract } from 'tar-stream';
import { decryptingStream, ENCRYPTION_MAGIC, isEncrypted } from './handover-crypto';
import {
  type FormatUpgrade,
  HandoverError,
  MANIFEST_PATH,
  type Manifest,
  type ManifestFile,
  planUpgrade,
  UPGRADES,
} from './handover-format';
import { type HandoverProgress, silentProgress } from './handover-progress';
import { EXPORTED_TABLES } from './handover-tables';
import { HandoverRepository, type TableColumn } from './handover.repository';

export interface ImportOptions {
  databaseUrl: string;
  in: string;
  passphrase?: string;
  progress?: HandoverProgress;
  /** Per-format-version transforms; the tests hand in a synthetic one. */
  upgrades?: Readonly<Record<number, FormatUpgrade>>;
}

export interface ImportReport {
  schemaVersion: string;
  formatVersion: number;
  upgradedFrom: number | null;
  tables: { table: string; rows: number }[];
  totalRows: number;
  sequences: number;
  foreignKeys: number;
  indexes: number;
  rollupsRebuilt: boolean;
  /** Seconds spent in each step, for the operator and the benchmark. */
  seconds: { verify: number; load: number; indexes: number; foreignKeys: number; rollups: number };
}

const since = (start: number): number => (performance.now() - start) / 1000;

/** A batch goes to PostgreSQL at this many rows or bytes, whichever comes first. */
const BATCH_ROWS = 1000;
const BATCH_BYTES = 8 * 1024 * 1024;

/**
 * Loads a hand-over archive into an empty instance, in one transaction: any failure leaves the
 * target as it was. First pass: every file's SHA-256 against the manifest. Second pass: rows in the
 * manifest's order with foreign keys and secondary indexes dropped and user triggers (report
 * roll-ups, append-only guards) disabled, then the indexes built and the keys re-added (checking
 * every row once), triggers re-enabled,
 * identity sequences restored, report roll-ups rebuilt and every count compared.
 */
export async function importInstance(options: ImportOptions): Promise<ImportReport> {
  const progress = options.progress ?? silentProgress;
  let mark = performance.now();
  const original = await verifyArchive(options.in, options.passphrase);
  const seconds = { verify: since(mark), load: 0, indexes: 0, foreignKeys: 0, rollups: 0 };
  const { manifest, steps } = planUpgrade(original, options.upgrades ?? UPGRADES);
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  const repo = new HandoverRepository(client);
  try {
    await repo.beginImport();
    await checkTarget(repo, manifest);
    const fks = await repo.foreignKeys();
    for (const fk of fks) {
      await repo.dropForeignKey(fk);
    }
    const tables = manifest.files.map((f) => f.table);
    for (const table of tables) {
      await repo.setUserTriggers(table, false);
    }
    await repo.useBulkMemory();
    const indexes = await repo.secondaryIndexes(tables);
    for (const index of indexes) {
      await repo.dropIndex(index);
    }
    for (const spec of EXPORTED_TABLES.filter((t) => t.replacesSeed)) {
      await repo.clear(spec.table);
    }
    progress.start(manifest.files.reduce((n, f) => n + f.rows, 0));
    mark = performance.now();
    const loaded = new Map<string, number>();
    const byPath = new Map(original.files.map((f, i) => [f.path, manifest.files[i]!]));
    await forEachEntry(options.in, options.passphrase, async (name, stream) => {
      const file = byPath.get(name);
      if (!file) {
        for await (const _ of stream) {
          // Drained: an entry must be read to its end before the next one comes.
        }
        return;
      }
      progress.table(file.table);
      // Hashed again as it loads: the file on disk could have changed since the first pass.
      const hash = createHash('sha256');
      const rows = await loadFile(repo, file, hashing(stream, hash), steps, progress);
      if (hash.digest('hex') !== original.files.find((f) => f.path === name)!.sha256) {
        throw new HandoverError(`${name} changed on disk while it was being imported.`);
      }
      loaded.set(file.table, rows);
      progress.tableDone(file.table, rows);
    });
    seconds.load = since(mark);
    mark = performance.now();
    for (const index of indexes) {
      await repo.createIndex(index);
    }
    seconds.indexes = since(mark);
    mark = performance.now();
    for (const fk of fks) {
      await repo.addForeignKey(fk);
    }
    seconds.foreignKeys = since(mark);
    for (const table of tables) {
      await repo.setUserTriggers(table, true);
    }
    for (const sequence of manifest.sequences) {
      await repo.restoreSequence(sequence);
    }
    const rollupsRebuilt = await repo.hasFunction('report_rollup_rebuild');
    mark = performance.now();
    if (rollupsRebuilt) {
      await repo.rebuildReportRollups();
    }
    seconds.rollups = since(mark);
    for (const file of manifest.files) {
      const count = await repo.rowCount(file.table);
      if (count !== file.rows || loaded.get(file.table) !== file.rows) {
        throw new HandoverError(
          `${file.table}: the manifest says ${file.rows} rows, ${count} are in the database after loading.`,
        );
      }
    }
    await repo.commit();
    progress.stop();
    return {
      schemaVersion: manifest.schemaVersion,
      formatVersion: manifest.formatVersion,
      upgradedFrom: steps.length ? original.formatVersion : null,
      tables: manifest.files.map((f) => ({ table: f.table, rows: f.rows })),
      totalRows: manifest.files.reduce((n, f) => n + f.rows, 0),
      sequences: manifest.sequences.length,
      foreignKeys: fks.length,
      indexes: indexes.length,
      rollupsRebuilt,
      seconds,
    };
  } catch (error) {
    progress.stop();
    await repo.rollback().catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Refuses a target that holds data of its own, or whose schema is older than the archive's. */
async function checkTarget(repo: HandoverRepository, manifest: Manifest): Promise<void> {
  const applied = await repo.appliedMigrations();
  if (manifest.schemaVersion && !applied.includes(manifest.schemaVersion)) {
    throw new HandoverError(
      `The archive comes from schema ${manifest.schemaVersion}, which this database has not reached. Upgrade Madoguchi (and migrate) first.`,
    );
  }
  const live = new Set(await repo.liveTables());
  const seeded = new Set(EXPORTED_TABLES.filter((t) => t.replacesSeed).map((t) => t.table));
  const holding: string[] = [];
  for (const file of manifest.files) {
    if (!live.has(file.table)) {
      throw new HandoverError(`The archive has table ${file.table}, which this schema lacks.`);
    }
    if (!seeded.has(file.table) && (await repo.hasRows(file.table))) {
      holding.push(file.table);
    }
  }
  if (holding.length) {
    throw new HandoverError(
      `The target database is not empty (${holding.join(', ')} hold rows). Import only into a freshly created instance.`,
    );
  }
}

async function loadFile(
  repo: HandoverRepository,
  file: ManifestFile,
  stream: AsyncIterable<Buffer>,
  steps: readonly FormatUpgrade[],
  progress: HandoverProgress,
): Promise<number> {
  const rowSteps = steps.filter((s) => s.row);
  let columns: TableColumn[] | null = null;
  let batch: string[] = [];
  let bytes = 0;
  let rows = 0;
  const flush = async (): Promise<void> => {
    if (!batch.length) {
      return;
    }
    if (!columns) {
      // The archive's keys decide the columns written: one the archive lacks takes its default.
      const keys = new Set(Object.keys(JSON.parse(batch[0]!) as object));
      const targetColumns = await repo.columns(file.table);
      const unknown = [...keys].filter((k) => !targetColumns.some((c) => c.name === k));
      if (unknown.length) {
        throw new HandoverError(
          `${file.table}: columns ${unknown.join(', ')} are not in this schema.`,
        );
      }
      columns = targetColumns.filter((c) => keys.has(c.name));
    }
    const inserted = await repo
      .insertBatch(file.table, columns, `[${batch.join(',')}]`)
      .catch((error: unknown) => {
        throw new HandoverError(
          `${file.table}, rows ${rows + 1}–${rows + batch.length}: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    rows += inserted;
    progress.advance(inserted);
    batch = [];
    bytes = 0;
  };
  for await (const line of lines(stream)) {
    if (!line) {
      continue;
    }
    let text = line;
    if (rowSteps.length) {
      let row = JSON.parse(line) as Record<string, unknown>;
      for (const step of rowSteps) {
        row = step.row!(file.table, row);
      }
      text = JSON.stringify(row);
    }
    batch.push(text);
    bytes += text.length;
    if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) {
      await flush();
    }
  }
  await flush();
  return rows;
}

/** The archive entry as tar-stream hands it over: bytes, read to the end. */
type EntryStream = AsyncIterable<Buffer>;

async function* hashing(
  stream: AsyncIterable<Buffer>,
  hash: ReturnType<typeof createHash>,
): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    hash.update(chunk);
    yield chunk;
  }
}

/** UTF-8 lines of a byte stream; a newline byte never occurs inside a multi-byte character. */
async function* lines(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    let data: Buffer = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let at = data.indexOf(10);
    while (at !== -1) {
      yield data.toString('utf8', 0, at);
      data = data.subarray(at + 1);
      at = data.indexOf(10);
    }
    rest = data;
  }
  if (rest.length) {
    yield rest.toString('utf8');
  }
}

/** Pass one: the manifest, with every file's hash, size and presence checked against it. */
export async function verifyArchive(path: string, passphrase?: string): Promise<Manifest> {
  const seen = new Map<string, { sha256: string; bytes: number }>();
  let manifestText: string | null = null;
  await forEachEntry(path, passphrase, async (name, stream) => {
    if (name === MANIFEST_PATH) {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) {
        chunks.push(chunk);
      }
      manifestText = Buffer.concat(chunks).toString('utf8');
      return;
    }
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of stream) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    seen.set(name, { sha256: hash.digest('hex'), bytes });
  });
  if (manifestText === null) {
    throw new HandoverError('The archive has no manifest.json.');
  }
  const manifest = JSON.parse(manifestText) as Manifest;
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const file of manifest.files) {
    const found = seen.get(file.path);
    if (!found) {
      throw new HandoverError(
        `${file.path} is listed in the manifest but missing from the archive.`,
      );
    }
    if (found.sha256 !== file.sha256 || found.bytes !== file.bytes) {
      throw new HandoverError(
        `${file.path} does not match the manifest (SHA-256 ${found.sha256}, expected ${file.sha256}): the archive was altered or damaged.`,
      );
    }
  }
  const extra = [...seen.keys()].filter((name) => !listed.has(name));
  if (extra.length) {
    throw new HandoverError(`Files not in the manifest: ${extra.join(', ')}.`);
  }
  return manifest;
}

/** Streams the archive's entries in order, decrypting and unzipping on the way. */
async function forEachEntry(
  path: string,
  passphrase: string | undefined,
  visit: (name: string, stream: EntryStream) => Promise<void>,
): Promise<void> {
  const encrypted = await startsEncrypted(path);
  if (encrypted && !passphrase) {
    throw new HandoverError('The archive is encrypted: give its passphrase (--passphrase-env).');
  }
  let source: Readable = createReadStream(path);
  if (encrypted) {
    source = source.pipe(decryptingStream(passphrase!));
  }
  const unzip = createGunzip();
  const entries = extract();
  // Errors anywhere upstream end the iteration below with that error.
  source.on('error', (error) => entries.destroy(error));
  unzip.on('error', (error) => entries.destroy(error));
  source.pipe(unzip).pipe(entries);
  for await (const entry of entries) {
    // tar-stream yields its entries' bytes as Buffers (its typings say unknown).
    await visit(entry.header.name, entry as AsyncIterable<unknown> as EntryStream);
  }
}

async function startsEncrypted(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(ENCRYPTION_MAGIC.length);
    await handle.read(head, 0, head.length, 0);
    return isEncrypted(head);
  } finally {
    await handle.close();
  }
}
