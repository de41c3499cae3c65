import { tokyoDate } from '@madoguchi/domain';
import { Injectable, StreamableFile } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { ActorContext } from '../../common/auth/actor-context';
import { AuditService } from '../audit/audit.service';
import { noteDataAsOf } from '../../common/http/data-as-of';
import { ExportGate } from '../../database/export-gate';
import { ReportReader } from '../../database/report-reader';
import type { DataAsOfDto } from './dto/data-as-of.dto';
import type { ReportFormat } from './dto/report-filters.dto';
import { ReportOutputRepository } from './report-output.repository';
import { RollupMaintenanceService } from './rollup-maintenance.service';
import { CONTENT_TYPES, renderCsv, renderXlsx, type RenderOptions } from './report-render';
import type { ReportTable } from './report-render';
import type { DeskNames } from './report-tables';

/** A download: what it is called, how it renders, and what the audit trail records of it. */
export interface Download {
  /** The report, as the audit trail names it, e.g. "caseload". */
  name: string;
  /** File name stem when not the name, e.g. "caseload-month" → reports-caseload-month-20261123.csv */
  fileStem?: string;
  format: Exclude<ReportFormat, 'json'>;
  /** Recorded with the export: the report and its query. */
  meta: Record<string, unknown>;
  tables: (desks: DeskNames) => ReportTable[];
  options?: RenderOptions;
}

/**
 * Turns a report into its JSON, or into a CSV or xlsx download. Every download is audited
 * before the first byte leaves, like the case export.
 */
@Injectable()
export class ReportOutputService {
  constructor(
    private readonly repository: ReportOutputRepository,
    private readonly audit: AuditService,
    private readonly gate: ExportGate,
    private readonly reader: ReportReader,
    private readonly rollups: RollupMaintenanceService,
  ) {}

  /** JSON for format=json (the default), otherwise the download of the same figures. */
  async respond<T extends DataAsOfDto>(
    actor: ActorContext,
    report: string,
    query: { format?: ReportFormat } & object,
    compute: () => Promise<T>,
    tables: (dto: T, desks: DeskNames) => ReportTable[],
    /** The file name's stem when one report gives several files (caseload by month, by topic). */
    fileStem?: string,
  ): Promise<T | StreamableFile> {
    // The queued changes are counted on the primary before the reader picks a database, so a
    // replica found current enough has them too. A queue too long to count now (no instance ran
    // jobs for a while) leaves the figures as of its oldest change, and the report says so.
    const { dto, asOf } = await this.rollups.withCurrent(async (behind) => {
      if (behind) {
        noteDataAsOf(behind);
      }
      // On the reporting replica when it is current enough; the download's header says when too.
      const { result, asOf: read } = await this.reader.read(compute);
      return { dto: result, asOf: behind && behind < read ? behind : read };
    });
    const { format = 'json', ...filters } = query;
    if (format === 'json') {
      return { ...dto, dataAsOf: asOf.toISOString() };
    }
    return this.download(actor, {
      name: report,
      fileStem,
      format,
      meta: { report, format, filters },
      tables: (desks) => tables(dto, desks),
    });
  }

  async download(actor: ActorContext, d: Download): Promise<StreamableFile> {
    return this.stream(
      actor,
      d.name,
      d.format,
      d.meta,
      async () => {
        const tables = d.tables(await this.deskNames());
        return d.format === 'csv' ? renderCsv(tables, d.options) : renderXlsx(tables, d.options);
      },
      d.fileStem,
    );
  }

  /** Records the export, then opens the stream the reply sends. */
  async stream(
    actor: ActorContext,
    name: string,
    format: Exclude<ReportFormat, 'json'>,
    meta: Record<string, unknown>,
    open: () => Promise<Readable>,
    fileStem: string = name,
  ): Promise<StreamableFile> {
    // Refused before anything is audited or read: a 429 costs the database nothing.
    const stream = await this.gate.open(actor.principal?.userId ?? 'anonymous', async () => {
      await this.audit.record(actor, {
        action: 'report.exported',
        entityType: 'report',
        entityId: name,
        meta,
      });
      return open();
    });
    // The day in Tokyo, where the file is read: before 9:00 the UTC date is yesterday's.
    const stamp = tokyoDate(new Date()).replace(/-/g, '');
    return new StreamableFile(stream, {
      type: CONTENT_TYPES[format],
      disposition: `attachment; filename="reports-${fileStem}-${stamp}.${format}"`,
    });
  }

  async deskNames(): Promise<DeskNames> {
    const rows = await this.repository.deskNames();
    return new Map(rows.map((r) => [r.id, r.name_ja]));
  }
}
