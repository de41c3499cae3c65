import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { SETTINGS, type Settings } from '../../config/settings';
import { CorporateRegistryRepository } from './corporate-registry.repository';
import { parseRegistryRecord, type RegistryRecord } from './registry-record';
import {
  decodeChunks,
  openRegistrySource,
  peek,
  type RegistryEncoding,
  sniffEncoding,
} from './registry-source';

export interface RegistryImportProgress {
  bytesRead: number;
  totalBytes: number;
  /** Records read so far (committed or skipped over on a resume). */
  lines: number;
  applied: number;
  skipped: number;
}

export interface RegistryImportOptions {
  /** Unset: told from the first bytes. */
  encoding?: RegistryEncoding;
  /** Import a file again even though a run already finished it. */
  again?: boolean;
  /** Called after each committed batch; an error thrown here stops the run where it committed. */
  onProgress?: (progress: RegistryImportProgress) => void;
}

export interface RegistryImportResult {
  runId: string;
  fileName: string;
  encoding: RegistryEncoding;
  /** `already-imported`: a finished run of this very file exists (and `again` was not set). */
  status: 'done' | 'already-imported';
  /** The line a resumed run continued after; 0 for a fresh run. */
  resumedAfterLine: number;
  lines: number;
  /** Rows inserted or changed by this invocation. */
  applied: number;
  skipped: number;
  /** The first few records refused, with why. */
  refused: { line: number; reason: string }[];
}

const REFUSALS_KEPT = 20;

/**
 * Loads a published corporate-number file (full data or a daily difference file: the same
 * layout, applied as upserts) in batches, each committed together with the run's resume point,
 * so that an import stopped anywhere continues after its last committed line when started again.
 */
@Injectable()
export class RegistryImportService {
  constructor(
    private readonly repository: CorporateRegistryRepository,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async importFile(
    path: string,
    options: RegistryImportOptions = {},
  ): Promise<RegistryImportResult> {
    const source = await openRegistrySource(path);
    try {
      const { first, all } = await peek(source.chunks);
      const encoding = options.encoding ?? (first ? sniffEncoding(first) : 'utf8');

      let run = await this.repository.openRun(source.fileKey);
      if (!run && !options.again) {
        const done = await this.repository.lastDoneRun(source.fileKey);
        if (done) {
          return {
            runId: done.id,
            fileName: source.fileName,
            encoding,
            status: 'already-imported',
            resumedAfterLine: Number(done.lines_committed),
            lines: Number(done.lines_committed),
            applied: 0,
            skipped: 0,
            refused: [],
          };
        }
      }
      if (run) {
        await this.repository.resumeRun(run.id);
      } else {
        run = await this.repository.startRun(source.fileName, source.fileKey, encoding);
      }
      const runId = run.id;
      const resumedAfterLine = Number(run.lines_committed);
      try {
        const counts = await this.load(all, encoding, resumedAfterLine, runId, {
          totalBytes: source.totalBytes,
          onProgress: options.onProgress,
        });
        await this.repository.endRun(runId, 'done');
        return {
          runId,
          fileName: source.fileName,
          encoding,
          status: 'done',
          resumedAfterLine,
          ...counts,
        };
      } catch (error) {
        await this.repository.endRun(runId, 'interrupted').catch(() => undefined);
        throw error;
      }
    } finally {
      source.close();
    }
  }

  private async load(
    chunks: AsyncIterable<Buffer>,
    encoding: RegistryEncoding,
    resumeAfter: number,
    runId: string,
    report: { totalBytes: number; onProgress?: (progress: RegistryImportProgress) => void },
  ): Promise<Pick<RegistryImportResult, 'lines' | 'applied' | 'skipped' | 'refused'>> {
    const batchSize = this.settings.registryImportBatchRows;
    let bytesRead = 0;
    let line = 0;
    let applied = 0;
    let skipped = 0;
    let skippedInBatch = 0;
    const refused: RegistryImportResult['refused'] = [];
    let batch: RegistryRecord[] = [];
    const progress = (): RegistryImportProgress => ({
      bytesRead,
      totalBytes: report.totalBytes,
      lines: line,
      applied,
      skipped,
    });
    const commit = async (): Promise<void> => {
      applied += await this.repository.applyBatch(runId, batch, {
        linesCommitted: line,
        skipped: skippedInBatch,
      });
      batch = [];
      skippedInBatch = 0;
      report.onProgress?.(progress());
    };

    const records = parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true });
    const text = Readable.from(decodeChunks(chunks, encoding, (n) => (bytesRead += n)));
    // The parser is drained below; pipeline carries a read or decode error into it.
    const feeding = pipeline(text, records);
    feeding.catch(() => undefined);
    for await (const fields of records as AsyncIterable<string[]>) {
      line += 1;
      if (line <= resumeAfter) {
        // Committed by an earlier run: only read past (a zip cannot be entered mid-stream).
        if (line % batchSize === 0) {
          report.onProgress?.(progress());
        }
        continue;
      }
      const parsed = parseRegistryRecord(fields);
      if (parsed.ok) {
        batch.push(parsed.record);
      } else {
        skipped += 1;
        skippedInBatch += 1;
        if (refused.length < REFUSALS_KEPT) {
          refused.push({ line, reason: parsed.reason });
        }
      }
      if (batch.length + skippedInBatch >= batchSize) {
        await commit();
      }
    }
    await feeding;
    if (line > resumeAfter) {
      await commit();
    }
    return { lines: line, applied, skipped, refused };
  }
}
