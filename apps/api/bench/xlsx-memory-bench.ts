/**
 * The case export's xlsx writer alone, on generated rows: how the process's peak resident memory
 * grows with the rows, without loading a million cases first. Rows come in batches of 50 with a
 * turn of the event loop between them, as the cursor hands them over; the workbook goes into a
 * sink that only counts bytes (as fast a client as there can be, so deflate sets the pace).
 *
 *   npx nx run api:build && npx swc apps/api/bench -d dist/api --config-file apps/api/.swcrc --quiet
 *   BENCH_ROWS=200000 node dist/api/apps/api/bench/xlsx-memory-bench.js
 *
 * The API process itself starts at about 150 MB (Nest, TypeORM, pg, the routes): this harness
 * starts lower, so compare the growth over its idle figure, or run the real export with
 * `npm run bench:reports` (docs/benchmarks.md).
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { setImmediate as turn } from 'node:timers/promises';
import { Writable } from 'node:stream';
import type { ExportRow } from '../src/modules/reports/case-export.repository';
import { caseRowsXlsx } from '../src/modules/reports/case-export.service';

const rowsWanted = Number(process.env.BENCH_ROWS ?? 200_000);
const BATCH = 50;

function memory(): { rssMb: number; peakMb: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const NAMES = ['山田商事', '東邦工業', '大和建設', 'テレワーク総研', '富士精機', 'さくら介護'];
const FORMS = ['株式会社', '有限会社', '合同会社'];
const SUBJECTS = [
  'VPNの選び方について',
  '就業規則の見直し(在宅勤務手当)',
  '労災の扱いとテレワーク中の事故',
  'クラウドPBXの導入費用と助成金',
  'Web会議のセキュリティ対策',
];
const STATUSES = ['new', 'in_progress', 'waiting', 'resolved', 'closed'];
const CHANNELS = ['phone', 'email', 'web', 'walk_in', 'seminar', 'chamber'];

function row(i: number): ExportRow {
  const received = new Date(Date.UTC(2024, 3, 1) + i * 97_000);
  const closed = i % 3 === 0;
  return {
    number: `TW-${received.getUTCFullYear()}-${String(i).padStart(6, '0')}`,
    received_at: received,
    status: STATUSES[i % STATUSES.length]!,
    channel: CHANNELS[i % CHANNELS.length]!,
    desk_name: i % 2 ? 'テレワーク相談センター' : '関東テレワーク推進窓口',
    organization_name: `${FORMS[i % 3]}${NAMES[i % NAMES.length]}${i % 997}`,
    prefecture_code: String((i % 47) + 1).padStart(2, '0'),
    industry_code: 'EFGHI'[i % 5]!,
    employees: i % 7 === 0 ? null : (i % 500) + 1,
    sme: i % 7 === 0 ? null : i % 4 !== 0,
    topics: i % 2 ? 'ICT.SEC LAB.TIME' : 'ICT.NET',
    subject: `${SUBJECTS[i % SUBJECTS.length]}(${i})`,
    first_response_due_at: i % 2 ? new Date(received.getTime() + 8 * 3600_000) : null,
    first_responded_at: i % 2 ? new Date(received.getTime() + 3600_000) : received,
    sessions: i % 11 === 0 ? 1 : 0,
    outcome: closed ? 'adopted' : null,
    outcome_confirmed_on: closed ? '2025-03-31' : null,
    closed_at: closed ? new Date(received.getTime() + 30 * 86_400_000) : null,
  };
}

async function* generated(n: number): AsyncGenerator<ExportRow> {
  for (let i = 0; i < n; i += BATCH) {
    // A cursor fetch is a round trip: the rows of the next batch arrive in a later turn.
    await turn();
    const batch = Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => row(i + k));
    yield* batch;
  }
}

async function main(): Promise<void> {
  const idle = memory();
  let bytes = 0;
  let released: Error | undefined | null = null;
  const started = Date.now();
  let highest = 0;
  const sampler = setInterval(() => {
    highest = Math.max(highest, process.memoryUsage().heapUsed / 2 ** 20);
  }, 250);
  await new Promise<void>((resolve, reject) => {
    const out = caseRowsXlsx(generated(rowsWanted), (error) => {
      released = error;
    });
    // BENCH_XLSX_OUT=file keeps the workbook, to open it elsewhere.
    const file = process.env.BENCH_XLSX_OUT ? createWriteStream(process.env.BENCH_XLSX_OUT) : null;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (file && !file.write(chunk)) {
          file.once('drain', () => done());
          return;
        }
        done();
      },
      final(done) {
        if (file) {
          file.end(() => done());
          return;
        }
        done();
      },
    });
    out.once('error', reject);
    sink.once('finish', resolve);
    out.pipe(sink);
  });
  clearInterval(sampler);
  const end = memory();
  const result = {
    rows: rowsWanted,
    node: process.version,
    execArgv: process.execArgv.join(' '),
    seconds: (Date.now() - started) / 1000,
    megabytes: bytes / 2 ** 20,
    idleRssMb: Math.round(idle.rssMb),
    peakRssMb: Math.round(end.peakMb),
    growthMb: Math.round(end.peakMb - idle.rssMb),
    highestHeapUsedMb: Math.round(highest),
    released: released === undefined ? 'ok' : String(released),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
