import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Client } from 'pg';
import { pack } from 'tar-stream';
import { encryptingStream } from './handover-crypto';
import {
  FORMAT_NAME,
  FORMAT_VERSION,
  HandoverError,
  MANIFEST_PATH,
  type Manifest,
  type ManifestFile,
} from './handover-format';
import { type HandoverProgress, silentProgress } from './handover-progress';
import { EXCLUDED_TABLES, tablesToExport, uncoveredTables } from './handover-tables';
import { HandoverRepository } from './handover.repository';
import { loadOrder } from './load-order';

export interface ExportOptions {
  databaseUrl: string;
  out: string;
  passphrase?: string;
  withCredentials?: boolean;
  progress?: HandoverProgress;
}

/**
 * Writes the whole instance as a hand-over archive (docs/handover-format.md): a gzipped tar of one
 * JSON Lines file per table and a manifest, optionally sealed with a passphrase. All tables are
 * read from one snapshot through cursors; each file is spooled to a temporary file first because a
 * tar entry states its size before its bytes, so memory stays flat and disk holds one table.
 */
export async function exportInstance(options: ExportOptions): Promise<Manifest> {
  const progress = options.progress ?? silentProgress;
  const withCredentials = options.withCredentials ?? false;
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  const spool = await mkdtemp(join(tmpdir(), 'madoguchi-handover-'));
  let archive: ReturnType<typeof pack> | undefined;
  let complete = false;
  try {
    const repo = new HandoverRepository(client);
    await repo.beginSnapshot();
    const { unlisted } = uncoveredTables(await repo.liveTables());
    if (unlisted.length) {
      throw new HandoverError(
        `Tables neither exported nor excluded: ${unlisted.join(', ')}. Name them in handover-tables.ts.`,
      );
    }
    const specs = tablesToExport(withCredentials);
    const order = loadOrder(
      specs.map((s) => s.table),
      await repo.foreignKeys(),
    );
    const byTable = new Map(specs.map((s) => [s.table, s]));
    let estimate = 0;
    for (const table of order) {
      estimate += await repo.estimatedRows(table);
    }
    progress.start(estimate);

    archive = pack();
    const sink = [archive, createGzip()] as NodeJS.ReadWriteStream[];
    if (options.passphrase) {
      sink.push(await encryptingStream(options.passphrase));
    }
    const written = pipeline([...sink, createWriteStream(options.out)] as unknown as [
      NodeJS.ReadableStream,
      NodeJS.WritableStream,
    ]);
    // The pipeline's failure (a full disk) surfaces when it is awaited below.
    written.catch(() => undefined);

    const files: ManifestFile[] = [];
    for (const table of order) {
      const spec = byTable.get(table)!;
      progress.table(table);
      const columns = await repo.columns(table);
      const primaryKey = await repo.primaryKey(table);
      const nulls = new Set(withCredentials ? [] : (spec.credentialColumns ?? []));
      const path = `data/${table}.jsonl`;
      const spooled = join(spool, `${table}.jsonl`);
      const hash = createHash('sha256');
      let rows = 0;
      await pipeline(
        repo.streamRows(table, columns, primaryKey, nulls),
        new Transform({
          writableObjectMode: true,
          transform(row: { line: string }, _encoding, done) {
            const line = Buffer.from(`${row.line}\n`, 'utf8');
            hash.update(line);
            rows += 1;
            if (rows % 1000 === 0) {
              progress.advance(1000);
            }
            done(null, line);
          },
        }),
        createWriteStream(spooled),
      );
      progress.advance(rows % 1000);
      const { size } = await stat(spooled);
      await new Promise<void>((resolve, reject) => {
        const entry = archive!.entry({ name: path, size, mtime: new Date(0) }, (error) =>
          error ? reject(error) : resolve(),
        );
        createReadStream(spooled).on('error', reject).pipe(entry);
      });
      await rm(spooled);
      files.push({
        path,
        table,
        kind: spec.kind,
        rows,
        bytes: size,
        sha256: hash.digest('hex'),
        primaryKey,
        columns,
      });
      progress.tableDone(table, rows);
    }
    const manifest: Manifest = {
      format: FORMAT_NAME,
      formatVersion: FORMAT_VERSION,
      schemaVersion: await repo.schemaVersion(),
      createdAt: new Date().toISOString(),
      withCredentials,
      files,
      sequences: await repo.identitySequences(order),
      excluded: { ...EXCLUDED_TABLES },
    };
    archive.entry(
      { name: MANIFEST_PATH, mtime: new Date(0) },
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    archive.finalize();
    await written;
    await repo.commit();
    complete = true;
    progress.stop();
    return manifest;
  } finally {
    progress.stop();
    if (!complete) {
      // A half-written archive must not look like one that is merely small.
      archive?.destroy();
      await rm(options.out, { force: true });
    }
    await rm(spool, { recursive: true, force: true });
    await client.end();
  }
}
