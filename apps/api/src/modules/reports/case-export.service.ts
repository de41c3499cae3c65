import { blockOfPrefecture, fiscalYearOf, sizeBand, tokyoDateTimeText } from '@madoguchi/domain';
import { Injectable, Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { type Readable, Transform } from 'node:stream';
import type QueryStream from 'pg-query-stream';
import type { Principal } from '../../common/auth/principal';
import { StaffLoad } from '../../common/lifecycle/staff-load';
import { CaseFilter } from './case-filter';
import { CaseExportRepository, type ExportRow } from './case-export.repository';
import type { ExportFormat, ReportFiltersDto } from './dto/report-filters.dto';
import {
  blockJa,
  channelJa,
  industryJa,
  outcomeJa,
  prefectureJa,
  sizeBandJa,
  smeJa,
  statusJa,
} from './report-labels';
import { streamXlsx, type XlsxCell } from './xlsx-stream';

type Value = string | number | Date | null;

/** Columns of the raw export: [header, value, kind]. Dates are Tokyo wall-clock time. */
const COLUMNS: [string, (r: ExportRow) => Value, 'text' | 'int' | 'datetime'][] = [
  ['案件番号', (r) => r.number, 'text'],
  ['受付日時', (r) => r.received_at, 'datetime'],
  ['年度', (r) => fiscalYearOf(r.received_at), 'int'],
  ['状態', (r) => statusJa(r.status), 'text'],
  ['受付経路', (r) => channelJa(r.channel), 'text'],
  ['窓口', (r) => r.desk_name, 'text'],
  ['組織名', (r) => r.organization_name, 'text'],
  ['都道府県', (r) => prefectureJa(r.prefecture_code), 'text'],
  [
    'ブロック',
    (r) => blockJa(r.prefecture_code ? (blockOfPrefecture(r.prefecture_code) ?? null) : null),
    'text',
  ],
  ['業種', (r) => industryJa(r.industry_code), 'text'],
  ['従業員数', (r) => r.employees, 'int'],
  ['従業員規模', (r) => sizeBandJa(sizeBand(r.employees) ?? 'unknown'), 'text'],
  ['中小企業', (r) => smeJa(r.sme), 'text'],
  ['相談分野', (r) => r.topics ?? '', 'text'],
  ['件名', (r) => r.subject, 'text'],
  ['初回応答期限', (r) => r.first_response_due_at, 'datetime'],
  ['初回応答日時', (r) => r.first_responded_at, 'datetime'],
  ['専門家派遣回数', (r) => r.sessions, 'int'],
  ['成果', (r) => outcomeJa(r.outcome), 'text'],
  ['成果確認日', (r) => r.outcome_confirmed_on, 'text'],
  ['完了日時', (r) => r.closed_at, 'datetime'],
];

const JST_OFFSET_MS = 9 * 3600_000;
// Excel has no time zones: a date cell shows the wall-clock time it holds, so hold Tokyo's.
const tokyoWallClock = (d: Date): Date => new Date(d.getTime() + JST_OFFSET_MS);

// Rows fetched per round trip from the server-side cursor (also the most rows it buffers).
// Measured on a million cases (docs/benchmarks.md): rows that wait in a larger batch outlive
// the young generation's collections and pile up as garbage in the old one, so the CSV takes
// 200. The xlsx took 50 while exceljs held it to ~12,000 rows/s; its own writer keeps up with
// the cursor, and at 200,000 cases 200 rows a fetch took 46 s instead of 112 at the same peak.
const BATCH = { csv: 200, xlsx: 200 } as const;

// Staff first (StaffLoad): every PACE_ROWS rows (about two milliseconds of formatting) an export
// waits while another request is being answered, for at most PACE_MAX_WAIT_MS. Under a constant
// stream of staff requests an export still writes PACE_ROWS per PACE_MAX_WAIT_MS (at least 5,000
// rows/s; measured 3,000 against four connections asking for the case list without pause, whose
// p95 stayed where it was without the export); with nobody else asking it never waits.
const PACE_ROWS = 50;
const PACE_MAX_WAIT_MS = 10;

/** Called once per row: every PACE_ROWS-th call gives the wait to await, the others nothing. */
function pacer(pace: () => Promise<void>): () => Promise<void> | undefined {
  let rows = 0;
  return () => (++rows % PACE_ROWS === 0 ? pace() : undefined);
}

/**
 * Every matching case as one row, streamed from a server-side cursor (pg-query-stream) into
 * csv-stringify or the xlsx writer of xlsx-stream.ts. Only a batch of rows is in memory at
 * a time, and the cursor waits while the client is slow, so memory stays flat for a million
 * rows. The connection is held for the export and released (destroyed if the export broke
 * off mid-cursor) when it ends.
 */
@Injectable()
export class CaseExportService {
  private readonly logger = new Logger(CaseExportService.name);

  constructor(
    private readonly repository: CaseExportRepository,
    private readonly staffLoad: StaffLoad,
  ) {}

  /** Resolves at once, or after staff requests in flight (see PACE_ROWS). */
  private readonly pace = (): Promise<void> => this.staffLoad.yieldToStaff(PACE_MAX_WAIT_MS);

  async export(
    filters: ReportFiltersDto,
    format: ExportFormat,
    principal: Principal,
  ): Promise<Readable> {
    const filter = new CaseFilter(filters, principal).useOrganization();
    const { rows, release } = await this.repository.cursor(filter, BATCH[format]);
    rows.once('error', (error) => {
      this.logger.error(`case export failed: ${error.message}`);
      release(error);
    });
    return format === 'csv' ? this.csv(rows, release) : caseRowsXlsx(rows, release, this.pace);
  }

  private csv(rows: QueryStream, release: (error?: Error) => void): Readable {
    const tick = pacer(this.pace);
    const toRecord = new Transform({
      objectMode: true,
      transform: (row: ExportRow, _encoding, done) => {
        const record = COLUMNS.map(([, value, kind]) => {
          const v = value(row);
          return kind === 'datetime' && v instanceof Date ? tokyoDateTimeText(v) : v;
        });
        const wait = tick();
        if (wait) {
          void wait.then(() => done(null, record));
        } else {
          done(null, record);
        }
      },
    });
    const csv = stringify({
      bom: true,
      record_delimiter: 'windows',
      escape_formulas: true,
    });
    // The header row goes out at once, before the query's first rows: the download starts
    // (and shows in the browser) while a large export is still being read.
    csv.write(COLUMNS.map(([header]) => header));
    rows.pipe(toRecord).pipe(csv);
    rows.once('end', () => release());
    // The reply stops reading (client gone): stop the cursor too.
    csv.once('close', () => {
      if (!rows.readableEnded) {
        rows.destroy();
        release(new Error('export aborted'));
      }
    });
    rows.once('error', (error) => csv.destroy(error));
    return csv;
  }
}

/**
 * The export's rows as an xlsx workbook, streamed: `release` is called once the rows have all
 * been read (or with the error that stopped them). Exported for the memory bench.
 */
export function caseRowsXlsx(
  rows: AsyncIterable<ExportRow>,
  release: (error?: Error) => void,
  pace: () => Promise<void> = () => Promise.resolve(),
): Readable {
  async function* cells(): AsyncGenerator<XlsxCell[]> {
    const tick = pacer(pace);
    for await (const row of rows) {
      const wait = tick();
      if (wait) {
        await wait;
      }
      yield COLUMNS.map(([, value, kind]) => {
        const v = value(row);
        return kind === 'datetime' && v instanceof Date ? tokyoWallClock(v) : v;
      });
    }
  }
  return streamXlsx(
    '案件',
    COLUMNS.map(([header, , kind]) => ({
      header,
      kind,
      width: kind === 'datetime' ? 17 : kind === 'int' ? 8 : 16,
    })),
    cells(),
    release,
  );
}
